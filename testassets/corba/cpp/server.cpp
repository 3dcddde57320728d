// The CORBA interop contract (../StewardTest.idl) served by omniORB 4.2 (C++ mapping from omniidl -bcxx).
//   server [--port=N] [--ior-file=F] [--ns=corbaloc:iiop:127.0.0.1:P/NameService] [--giop=1.0|1.1|1.2] [-ORB... options]
// Listens on giop:tcp:127.0.0.1:N (N = 0 or absent: a free port), activates one servant in a persistent POA with
// USER_ID under the object id "StewardTest" (so the object key is the same on every run with the same port),
// writes the stringified IOR to F (one line) and prints it, binds it in the Naming Service as
// StewardTest.Operations when given --ns, then prints "ready". omniORB's default thread-per-connection model.
// --giop caps the GIOP version it speaks and publishes (maxGIOPVersion: at 1.0 the IOR has an IIOP 1.0 profile, which
// carries no tagged components, so no code sets).
// Also the omniORB server of the benchmark rig (bench/Steward.Rpc.Corba.Benchmarks).
#include <omniORB4/CORBA.h>
#include <omniORB4/Naming.hh>
#include <StewardTest.hh>

#include <atomic>
#include <clocale>
#include <cstdint>
#include <cstring>
#include <cwctype>
#include <fstream>
#include <iostream>
#include <string>
#include <type_traits>
#include <vector>

namespace
{

// The contract's integer arithmetic wraps; doing it on the unsigned type avoids C++'s signed-overflow UB.
template<typename T, typename U = std::make_unsigned_t<T>>
T wrapAdd(T a, T b) { return static_cast<T>(static_cast<U>(static_cast<U>(a) + static_cast<U>(b))); }
template<typename T, typename U = std::make_unsigned_t<T>>
T wrapSub(T a, T b) { return static_cast<T>(static_cast<U>(static_cast<U>(a) - static_cast<U>(b))); }

// The server's native char code set: UTF-8, except at --giop=1.0 where it is ISO-8859-1, because omniORB 4.2.5 with a
// UTF-8 native code set crashes (in fastCopyUsingTC) unmarshalling a string inside an any received over GIOP 1.0.
bool nativeLatin1 = false;

// Upper-cases text in the native code set code point by code point (towupper under C.UTF-8), which is what
// invariant-culture upper-casing does for the text the clients send. In UTF-8, invalid sequences pass through
// unchanged; in Latin-1, a character whose capital is not in Latin-1 (the only one is \xFF) stays as it is.
std::string upper(const std::string& s)
{
    if (nativeLatin1)
    {
        std::string out;
        for (char c : s)
        {
            auto up = std::towupper(static_cast<wint_t>(static_cast<unsigned char>(c)));
            out += up < 0x100 ? static_cast<char>(up) : c;
        }
        return out;
    }
    std::string out;
    for (std::size_t i = 0; i < s.size();)
    {
        auto c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + static_cast<std::size_t>(len) > s.size())
        {
            out += s[i++];
            continue;
        }
        char32_t cp = len == 1 ? c : c & (0x7F >> len);
        for (int k = 1; k < len; ++k)
        {
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
        }
        i += static_cast<std::size_t>(len);
        auto up = static_cast<char32_t>(std::towupper(static_cast<wint_t>(cp)));
        if (up < 0x80)
        {
            out += static_cast<char>(up);
        }
        else if (up < 0x800)
        {
            out += static_cast<char>(0xC0 | (up >> 6));
            out += static_cast<char>(0x80 | (up & 0x3F));
        }
        else if (up < 0x10000)
        {
            out += static_cast<char>(0xE0 | (up >> 12));
            out += static_cast<char>(0x80 | ((up >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (up & 0x3F));
        }
        else
        {
            out += static_cast<char>(0xF0 | (up >> 18));
            out += static_cast<char>(0x80 | ((up >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((up >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (up & 0x3F));
        }
    }
    return out;
}

class OperationsImpl : public POA_Test::Operations
{
public:
    // The reference self() returns; set once the servant is activated.
    Test::Operations_var reference;

    void ping() override {}

    CORBA::Boolean opBool(CORBA::Boolean a, CORBA::Boolean& b) override
    {
        b = a;
        return !a;
    }

    CORBA::Octet opOctet(CORBA::Octet a, CORBA::Octet b, CORBA::Octet& sum) override
    {
        sum = static_cast<CORBA::Octet>(a + b);
        return static_cast<CORBA::Octet>(a ^ b);
    }

    CORBA::Short opShort(CORBA::Short a, CORBA::Short b, CORBA::Short& diff) override
    {
        diff = wrapSub<CORBA::Short>(a, b);
        return wrapAdd<CORBA::Short>(a, b);
    }

    CORBA::Long opLong(CORBA::Long a, CORBA::Long b, CORBA::Long& diff) override
    {
        diff = wrapSub<CORBA::Long>(a, b);
        return wrapAdd<CORBA::Long>(a, b);
    }

    CORBA::LongLong opLongLong(CORBA::LongLong a, CORBA::LongLong b, CORBA::LongLong& diff) override
    {
        diff = wrapSub<CORBA::LongLong>(a, b);
        return wrapAdd<CORBA::LongLong>(a, b);
    }

    CORBA::ULongLong opULongLong(CORBA::ULongLong a, CORBA::ULongLong& half) override
    {
        half = a / 2;
        return a + 1;
    }

    CORBA::Float opFloat(CORBA::Float a, CORBA::Float& half) override
    {
        half = a / 2;
        return a * 2;
    }

    CORBA::Double opDouble(CORBA::Double a, CORBA::Double& half) override
    {
        half = a / 2;
        return a * 2;
    }

    CORBA::Char opChar(CORBA::Char c) override { return static_cast<CORBA::Char>(c + 1); }

    char* opString(const char* a, const char* b, CORBA::String_out ba) override
    {
        ba = CORBA::string_dup((std::string(b) + a).c_str());
        return CORBA::string_dup((std::string(a) + b).c_str());
    }

    void opInOut(CORBA::Long& a, char*& s) override
    {
        a = static_cast<CORBA::Long>(static_cast<CORBA::ULong>(a) * 2u);
        std::string twice = std::string(s) + s;
        CORBA::string_free(s);
        s = CORBA::string_dup(twice.c_str());
    }

    Test::Color opColor(Test::Color c, Test::Color& next) override
    {
        next = c == Test::Red ? Test::Green : c == Test::Green ? Test::Blue : Test::Red;
        return c;
    }

    Test::Rich* opRich(const Test::Rich& r) override
    {
        auto* result = new Test::Rich(r);
        result->l = wrapAdd<CORBA::Long>(r.l, 1);
        result->str = CORBA::string_dup(upper(static_cast<const char*>(r.str)).c_str());
        return result;
    }

    Test::OctetSeq* opOctetSeq(const Test::OctetSeq& s) override { return reversed(s); }

    Test::LongSeq* opLongSeq(const Test::LongSeq& s) override { return reversed(s); }

    Test::StringSeq* opStringSeq(const Test::StringSeq& a, Test::StringSeq_out reversedOut) override
    {
        reversedOut = reversed(a);
        return new Test::StringSeq(a);
    }

    Test::PointSeq* opPointSeq(const Test::PointSeq& s) override
    {
        auto* result = new Test::PointSeq(s);
        for (CORBA::ULong i = 0; i < result->length(); ++i)
        {
            Test::Point& p = (*result)[i];
            std::swap(p.x, p.y);
        }
        return result;
    }

    Test::StringSeqSeq* opStringSeqSeq(const Test::StringSeqSeq& s) override
    {
        auto* result = new Test::StringSeqSeq(s);
        for (CORBA::ULong i = 0; i < result->length(); ++i)
        {
            Test::StringSeq_var inner = reversed(s[i]);
            (*result)[i] = inner.in();
        }
        return result;
    }

    Test::LongArray_slice* opArray(const Test::LongArray a) override
    {
        Test::LongArray_slice* result = Test::LongArray_alloc();
        for (int i = 0; i < 4; ++i)
        {
            result[i] = a[3 - i];
        }
        return result;
    }

    Test::Value* opUnion(const Test::Value& v) override
    {
        auto* result = new Test::Value();
        switch (v._d())
        {
        case 1:
            result->l(wrapAdd<CORBA::Long>(v.l(), 1));
            break;
        case 2:
            result->s(upper(static_cast<const char*>(v.s())).c_str());
            break;
        case 3:
        {
            Test::Point p = v.p();
            std::swap(p.x, p.y);
            result->p(p);
            break;
        }
        default:
            // The default member keeps the caller's discriminator (any value other than 1, 2 and 3).
            result->b(!v.b());
            result->_d(v._d());
            break;
        }
        return result;
    }

    CORBA::Any* opAny(const CORBA::Any& a) override { return new CORBA::Any(a); }

    void throwBase(const char* reason) override { throw Test::BaseError(reason); }

    void throwOther(CORBA::Long code, const char* reason) override { throw Test::OtherError(code, reason); }

    void throwSystem() override { throw CORBA::BAD_PARAM(7, CORBA::COMPLETED_YES); }

    void setValue(CORBA::Long v) override { _value = v; }

    CORBA::Long getValue() override { return _value; }

    CORBA::Long counter() override { return _counter; }

    void counter(CORBA::Long v) override { _counter = v; }

    char* name() override { return CORBA::string_dup("steward"); }

    Test::Operations_ptr self() override { return Test::Operations::_duplicate(reference.in()); }

private:
    std::atomic<CORBA::Long> _value{0};
    std::atomic<CORBA::Long> _counter{0};

    template<typename Seq>
    static Seq* reversed(const Seq& s)
    {
        auto* result = new Seq(s);
        CORBA::ULong n = s.length();
        for (CORBA::ULong i = 0; i < n; ++i)
        {
            (*result)[i] = s[n - 1 - i];
        }
        return result;
    }
};

bool option(const std::string& arg, const char* name, std::string& value)
{
    std::string prefix = std::string(name) + "=";
    if (arg.compare(0, prefix.size(), prefix) == 0)
    {
        value = arg.substr(prefix.size());
        return true;
    }
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    std::setlocale(LC_CTYPE, "C.UTF-8");
    std::string port = "0";
    std::string iorFile;
    std::string ns;
    std::string giop;
    // omniORB's own options pass through; ours are taken out.
    std::vector<char*> orbArgs{argv[0]};
    for (int i = 1; i < argc; ++i)
    {
        std::string arg = argv[i];
        if (!option(arg, "--port", port) && !option(arg, "--ior-file", iorFile) && !option(arg, "--ns", ns)
            && !option(arg, "--giop", giop))
        {
            if (arg.rfind("-ORB", 0) != 0 && (i == 1 || std::string(argv[i - 1]).rfind("-ORB", 0) != 0))
            {
                std::cerr << "unknown argument: " << arg << "\n"
                          << "usage: server [--port=N] [--ior-file=F] [--ns=corbaloc:iiop:H:P/NameService] [--giop=1.0|1.1|1.2] "
                          << "[-ORB... options]\n";
                return 2;
            }
            orbArgs.push_back(argv[i]);
        }
    }
    if (!giop.empty() && giop != "1.0" && giop != "1.1" && giop != "1.2")
    {
        std::cerr << "--giop must be 1.0, 1.1 or 1.2, not " << giop << "\n";
        return 2;
    }
    nativeLatin1 = giop == "1.0";
    std::string endPoint = "giop:tcp:127.0.0.1:" + (port == "0" ? std::string() : port);
    const char* options[][2] = {
        {"endPoint", endPoint.c_str()},
        {"nativeCharCodeSet", nativeLatin1 ? "ISO-8859-1" : "UTF-8"},
        {giop.empty() ? nullptr : "maxGIOPVersion", giop.c_str()},
        {nullptr, nullptr},
    };
    int orbArgc = static_cast<int>(orbArgs.size());
    orbArgs.push_back(nullptr);
    try
    {
        CORBA::ORB_var orb = CORBA::ORB_init(orbArgc, orbArgs.data(), "omniORB4", options);
        CORBA::Object_var rootObject = orb->resolve_initial_references("RootPOA");
        PortableServer::POA_var root = PortableServer::POA::_narrow(rootObject);
        PortableServer::POAManager_var manager = root->the_POAManager();

        CORBA::PolicyList policies;
        policies.length(2);
        policies[0] = root->create_lifespan_policy(PortableServer::PERSISTENT);
        policies[1] = root->create_id_assignment_policy(PortableServer::USER_ID);
        PortableServer::POA_var poa = root->create_POA("StewardTest", manager, policies);
        for (CORBA::ULong i = 0; i < policies.length(); ++i)
        {
            policies[i]->destroy();
        }

        auto* servant = new OperationsImpl();
        PortableServer::ObjectId_var id = PortableServer::string_to_ObjectId("StewardTest");
        poa->activate_object_with_id(id, servant);
        CORBA::Object_var object = poa->id_to_reference(id);
        servant->reference = Test::Operations::_narrow(object);
        servant->_remove_ref();
        manager->activate();

        CORBA::String_var ior = orb->object_to_string(object);
        if (!iorFile.empty())
        {
            std::ofstream out(iorFile + ".tmp");
            out << ior.in() << "\n";
            out.close();
            // Written whole, then renamed: a reader never sees half an IOR.
            if (!out || std::rename((iorFile + ".tmp").c_str(), iorFile.c_str()) != 0)
            {
                std::cerr << "cannot write " << iorFile << "\n";
                return 1;
            }
        }
        if (!ns.empty())
        {
            CORBA::Object_var nsObject = orb->string_to_object(ns.c_str());
            CosNaming::NamingContext_var context = CosNaming::NamingContext::_narrow(nsObject);
            if (CORBA::is_nil(context))
            {
                std::cerr << ns << " is not a naming context\n";
                return 1;
            }
            CosNaming::Name name;
            name.length(1);
            name[0].id = CORBA::string_dup("StewardTest");
            name[0].kind = CORBA::string_dup("Operations");
            context->rebind(name, object);
        }
        std::cout << ior.in() << "\nready" << std::endl;
        orb->run();
        orb->destroy();
    }
    catch (const CORBA::SystemException& e)
    {
        std::cerr << "CORBA system exception " << e._name() << " minor " << e.minor() << "\n";
        return 1;
    }
    catch (const CORBA::Exception& e)
    {
        std::cerr << "CORBA exception " << e._name() << "\n";
        return 1;
    }
    return 0;
}
