// The Ice interop contract (../StewardTest.ice) served by ZeroC Ice for C++ 3.7 (C++11 mapping).
//   server --port=N      prints "ready" once the adapter listens on 127.0.0.1:N
// Also the C++ server of the benchmark rig: one servant, Ice's default server thread pool.
#include <Ice/Ice.h>
#include <StewardTest.h>

#include <algorithm>
#include <atomic>
#include <clocale>
#include <cstdint>
#include <cwctype>
#include <iostream>
#include <stdexcept>
#include <string>

namespace
{

// The contract's integer arithmetic wraps; doing it on the unsigned type avoids C++'s signed-overflow UB.
template<typename T, typename U = std::make_unsigned_t<T>>
T wrapAdd(T a, T b) { return static_cast<T>(static_cast<U>(static_cast<U>(a) + static_cast<U>(b))); }
template<typename T, typename U = std::make_unsigned_t<T>>
T wrapSub(T a, T b) { return static_cast<T>(static_cast<U>(static_cast<U>(a) - static_cast<U>(b))); }
template<typename T, typename U = std::make_unsigned_t<T>>
T wrapMul(T a, T b) { return static_cast<T>(static_cast<U>(static_cast<U>(a) * static_cast<U>(b))); }

// Upper-cases UTF-8 text code point by code point (towupper under C.UTF-8), which is what invariant-culture
// upper-casing does for the text the clients send; invalid sequences pass through unchanged.
std::string upperUtf8(const std::string& s)
{
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

class OperationsI : public Test::Operations
{
public:
    void ping(const Ice::Current&) override {}

    bool opBool(bool a, bool& b, const Ice::Current&) override
    {
        b = a;
        return !a;
    }

    Ice::Byte opByte(Ice::Byte a, Ice::Byte b, Ice::Byte& sum, const Ice::Current&) override
    {
        sum = static_cast<Ice::Byte>((a + b) & 0xFF);
        return static_cast<Ice::Byte>(a ^ b);
    }

    short opShort(short a, short b, short& diff, const Ice::Current&) override
    {
        diff = wrapSub(a, b);
        return wrapAdd(a, b);
    }

    int opInt(int a, int b, int& diff, const Ice::Current&) override
    {
        diff = wrapSub(a, b);
        return wrapAdd(a, b);
    }

    long long opLong(long long a, long long b, long long& diff, const Ice::Current&) override
    {
        diff = wrapSub(a, b);
        return wrapAdd(a, b);
    }

    float opFloat(float a, float& half, const Ice::Current&) override
    {
        half = a / 2;
        return a * 2;
    }

    double opDouble(double a, double& half, const Ice::Current&) override
    {
        half = a / 2;
        return a * 2;
    }

    std::string opString(std::string a, std::string b, std::string& ba, const Ice::Current&) override
    {
        ba = b + a;
        return a + b;
    }

    Test::Color opColor(Test::Color c, Test::Color& next, const Ice::Current&) override
    {
        next = static_cast<Test::Color>((static_cast<int>(c) + 1) % 3);
        return c;
    }

    Test::Rich opRich(Test::Rich r, const Ice::Current&) override
    {
        r.i = wrapAdd(r.i, 1);
        r.str = upperUtf8(r.str);
        return r;
    }

    Test::ByteSeq opByteSeq(Test::ByteSeq s, const Ice::Current&) override
    {
        std::reverse(s.begin(), s.end());
        return s;
    }

    Test::IntSeq opIntSeq(Test::IntSeq s, const Ice::Current&) override
    {
        std::reverse(s.begin(), s.end());
        return s;
    }

    Test::StringSeq opStringSeq(Test::StringSeq a, Test::StringSeq& reversed, const Ice::Current&) override
    {
        reversed.assign(a.rbegin(), a.rend());
        return a;
    }

    Test::PointSeq opPointSeq(Test::PointSeq s, const Ice::Current&) override
    {
        for (auto& p : s)
        {
            std::swap(p.x, p.y);
        }
        return s;
    }

    Test::StringSeqSeq opStringSeqSeq(Test::StringSeqSeq s, const Ice::Current&) override
    {
        for (auto& inner : s)
        {
            std::reverse(inner.begin(), inner.end());
        }
        return s;
    }

    Test::StringIntDict opDict(Test::StringIntDict d, Test::StringIntDict& doubled, const Ice::Current&) override
    {
        doubled.clear();
        for (const auto& [k, v] : d)
        {
            doubled[k] = wrapMul(v, 2);
        }
        return d;
    }

    Test::IntStringSeqDict opNestedDict(Test::IntStringSeqDict d, const Ice::Current&) override
    {
        Test::IntStringSeqDict result;
        for (auto& [k, v] : d)
        {
            result[wrapSub(0, k)] = std::move(v);
        }
        return result;
    }

    std::shared_ptr<Test::Shape> opShape(std::shared_ptr<Test::Shape> s, const Ice::Current&) override
    {
        if (s)
        {
            s->name += "!";
        }
        return s;
    }

    Test::ShapeSeq opShapeSeq(Test::ShapeSeq s, const Ice::Current&) override
    {
        // The unmarshaled sequence shares one shared_ptr per instance, so sharing survives the way back.
        std::reverse(s.begin(), s.end());
        return s;
    }

    std::shared_ptr<Test::Node> opCycle(int n, const Ice::Current&) override
    {
        if (n <= 0)
        {
            return nullptr;
        }
        auto head = std::make_shared<Test::Node>(1, nullptr);
        auto tail = head;
        for (int i = 2; i <= n; ++i)
        {
            tail->next = std::make_shared<Test::Node>(i, nullptr);
            tail = tail->next;
        }
        // Ice's C++11 mapping has no cycle collector, and the reply is written after this returns, so the ring
        // cannot be broken here: it leaks, a few nodes per call, which a test peer can afford.
        tail->next = head;
        return head;
    }

    void throwBase(std::string reason, const Ice::Current&) override { throw Test::BaseError(reason); }

    void throwDerived(std::string reason, int code, const Ice::Current&) override { throw Test::DerivedError(reason, code); }

    void throwUnknown(const Ice::Current&) override
    {
        throw std::runtime_error("throwUnknown: a non-Ice exception in the servant");
    }

    Ice::optional<int> opOptional(Ice::optional<int> a, Ice::optional<std::string> s, Ice::optional<std::string>& outS,
                                  const Ice::Current&) override
    {
        if (s)
        {
            outS = *s + *s;
        }
        return a ? Ice::optional<int>(wrapAdd(*a, 1)) : Ice::nullopt;
    }

    Test::Ctx opContext(const Ice::Current& current) override { return current.ctx; }

    void setValue(int v, const Ice::Current&) override { _value = v; }

    int getValue(const Ice::Current&) override { return _value; }

    int opIdempotent(int a, const Ice::Current&) override { return wrapMul(a, 3); }

private:
    std::atomic<int> _value{0};
};

}

int main(int argc, char* argv[])
{
    std::string port;
    for (int i = 1; i < argc; ++i)
    {
        std::string arg = argv[i];
        if (arg.rfind("--port=", 0) == 0)
        {
            port = arg.substr(7);
        }
    }
    if (port.empty())
    {
        std::cerr << "usage: server --port=N" << std::endl;
        return 2;
    }
    std::setlocale(LC_CTYPE, "C.UTF-8");
    try
    {
        // Shuts the communicator down on SIGINT/SIGTERM; must exist before Ice starts its threads.
        Ice::CtrlCHandler ctrlC;
        Ice::InitializationData init;
        init.properties = Ice::createProperties();
        // Connections stay open however long a test idles, and no heartbeats interleave with the calls.
        init.properties->setProperty("Ice.ACM.Close", "0");
        init.properties->setProperty("Ice.ACM.Heartbeat", "0");
        // Peers may send large strings and sequences ("any length"); 1 MB is Ice's default cap.
        init.properties->setProperty("Ice.MessageSizeMax", "102400");
        // The C++11 mapping refuses class graphs with cycles (opCycle returns one) unless told to accept them.
        init.properties->setProperty("Ice.AcceptClassCycles", "1");
        init.properties->setProperty("Ice.Warn.Dispatch", "0");
        Ice::CommunicatorHolder holder(init);
        auto communicator = holder.communicator();
        ctrlC.setCallback([communicator](int) { communicator->shutdown(); });
        auto adapter = communicator->createObjectAdapterWithEndpoints("Test", "tcp -h 127.0.0.1 -p " + port);
        adapter->add(std::make_shared<OperationsI>(), Ice::stringToIdentity("test"));
        adapter->activate();
        std::cout << "ready" << std::endl;
        communicator->waitForShutdown();
    }
    catch (const std::exception& e)
    {
        std::cerr << "server: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
