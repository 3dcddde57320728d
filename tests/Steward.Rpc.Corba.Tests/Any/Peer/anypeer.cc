// omniORB's side of the any tests: `anypeer encode` prints "NAME HEX" lines, each an any (TypeCode and value)
// as omniORB marshals it; `anypeer decode NAME HEX` unmarshals an any Steward wrote and checks it holds what
// NAME stands for (exit 0 and "ok", or exit 1 and why).
#include <cstdio>
#include <cstring>
#include <string>
#include "AnyPeer.hh"

static CORBA::Any make(const std::string& name)
{
    CORBA::Any a;
    if (name == "long") { a <<= (CORBA::Long)-123456; }
    else if (name == "string") { a <<= "hello any"; }
    else if (name == "point") { Test::Point p; p.x = 3; p.y = -4; a <<= p; }
    else if (name == "longseq") { Test::LongSeq s; s.length(3); s[0] = 1; s[1] = -2; s[2] = 300000; a <<= s; }
    else if (name == "color") { a <<= Test::Blue; }
    else if (name == "union") { Test::Value v; v.s("text"); a <<= v; }
    else if (name == "unionp") { Test::Value v; Test::Point p; p.x = 5; p.y = 6; v.p(p); a <<= v; }
    else if (name == "nested") { CORBA::Any inner; inner <<= (CORBA::Double)2.5; a <<= inner; }
    else if (name == "pointseq") { Test::PointSeq s; s.length(2); s[0].x = 1; s[0].y = 2; s[1].x = 3; s[1].y = 4; a <<= s; }
    else if (name == "array") { Test::LongArray arr = {9, 8, 7, 6}; a <<= Test::LongArray_forany(arr); }
    else if (name == "typecode") { a <<= Test::_tc_Rich; }
    return a;
}

static const char* names[] = {"long", "string", "point", "longseq", "color", "union", "unionp", "nested", "pointseq", "array", "typecode", 0};

static bool same(const std::string& name, const CORBA::Any& got, std::string& why)
{
    CORBA::Any want = make(name);
    CORBA::TypeCode_var wt = want.type(), gt = got.type();
    if (!gt->equal(wt)) { why = "TypeCode differs"; return false; }
    if (name == "long") { CORBA::Long v; return (got >>= v) && v == -123456; }
    if (name == "string") { const char* v; return (got >>= v) && std::strcmp(v, "hello any") == 0; }
    if (name == "point") { const Test::Point* p; return (got >>= p) && p->x == 3 && p->y == -4; }
    if (name == "longseq") { const Test::LongSeq* s; return (got >>= s) && s->length() == 3 && (*s)[0] == 1 && (*s)[1] == -2 && (*s)[2] == 300000; }
    if (name == "color") { Test::Color c; return (got >>= c) && c == Test::Blue; }
    if (name == "union") { const Test::Value* v; return (got >>= v) && v->_d() == 2 && std::strcmp(v->s(), "text") == 0; }
    if (name == "unionp") { const Test::Value* v; return (got >>= v) && v->_d() == 3 && v->p().x == 5 && v->p().y == 6; }
    if (name == "nested") { const CORBA::Any* in; CORBA::Double d; return (got >>= in) && (*in >>= d) && d == 2.5; }
    if (name == "pointseq") { const Test::PointSeq* s; return (got >>= s) && s->length() == 2 && (*s)[1].x == 3 && (*s)[1].y == 4; }
    if (name == "array") { Test::LongArray_forany arr; return (got >>= arr) && arr[0] == 9 && arr[3] == 6; }
    if (name == "typecode") { CORBA::TypeCode_ptr t; return (got >>= t) && t->equal(Test::_tc_Rich); }
    why = "unknown name";
    return false;
}

int main(int argc, char** argv)
{
    CORBA::ORB_var orb = CORBA::ORB_init(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "encode") == 0) {
        for (int i = 0; names[i]; i++) {
            cdrMemoryStream s;
            make(names[i]) >>= s;
            const unsigned char* p = (const unsigned char*)s.bufPtr();
            std::printf("%s ", names[i]);
            for (CORBA::ULong j = 0; j < s.bufSize(); j++) std::printf("%02x", p[j]);
            std::printf("\n");
        }
        return 0;
    }
    if (argc == 4 && std::strcmp(argv[1], "decode") == 0) {
        std::string hex = argv[3];
        cdrMemoryStream s;
        for (size_t i = 0; i + 1 < hex.size(); i += 2) {
            CORBA::Octet o = (CORBA::Octet)std::stoul(hex.substr(i, 2), 0, 16);
            s.marshalOctet(o);
        }
        std::string why = "value differs";
        try {
            CORBA::Any got;
            got <<= s;
            if (same(argv[2], got, why)) { std::printf("ok\n"); return 0; }
        } catch (CORBA::SystemException& ex) {
            why = std::string("omniORB raised ") + ex._name();
        }
        std::printf("%s: %s\n", argv[2], why.c_str());
        return 1;
    }
    std::fprintf(stderr, "usage: anypeer encode | anypeer decode NAME HEX\n");
    return 2;
}
