// Calls every operation of the Ice interop contract (../StewardTest.ice) with ZeroC Ice for C++ 3.7 (C++11 mapping)
// and checks each result. Prints "<case>: passed" or "FAIL <case>: <why>" per case, then "N passed, N failed";
// exits 1 on any failure.
//   client --host=H --port=N [--only=case,case]
#include <Ice/Ice.h>
#include <StewardTest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <future>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace
{

struct Failure : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

void check(bool condition, const std::string& why)
{
    if (!condition)
    {
        throw Failure(why);
    }
}

template<typename T>
std::string show(const T& value)
{
    std::ostringstream os;
    os << value;
    return os.str();
}

template<typename T>
void expectEqual(const T& actual, const T& expected, const std::string& what = "result")
{
    if (!(actual == expected))
    {
        if constexpr (std::is_arithmetic_v<T> || std::is_same_v<T, std::string>)
        {
            throw Failure(what + ": expected " + show(expected) + ", got " + show(actual));
        }
        else
        {
            throw Failure(what + ": not the expected value");
        }
    }
}

// Runs call, which must throw E; returns the exception so the caller can check its fields.
template<typename E, typename F>
E expectThrows(const std::string& name, F call)
{
    try
    {
        call();
    }
    catch (const E& e)
    {
        return e;
    }
    catch (const Ice::Exception& e)
    {
        throw Failure("expected " + name + ", got " + e.ice_id() + ": " + e.what());
    }
    catch (const std::exception& e)
    {
        throw Failure("expected " + name + ", got " + e.what());
    }
    throw Failure("expected " + name + ", the call returned normally");
}

// A oneway and the twoway after it may be dispatched on different threads by a concurrent server, so the stored
// value is read until it shows up (bounded, so a lost oneway is a failure, not a hang).
void pollValue(const std::shared_ptr<Test::OperationsPrx>& prx, int expected)
{
    int value = 0;
    for (int i = 0; i < 200; ++i)
    {
        value = prx->getValue();
        if (value == expected)
        {
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    throw Failure("getValue: expected " + std::to_string(expected) + ", still " + std::to_string(value));
}

using Case = std::pair<std::string, std::function<void()>>;

std::vector<Case> cases(const Ice::CommunicatorPtr& communicator, const std::shared_ptr<Test::OperationsPrx>& prx,
                        const std::string& endpoint)
{
    using Test::Color;
    using Test::Point;
    std::vector<Case> all;
    auto add = [&all](std::string name, std::function<void()> run) { all.emplace_back(std::move(name), std::move(run)); };

    add("ping", [=] { prx->ping(); });
    add("opBool", [=] {
        bool b = false;
        expectEqual(prx->opBool(true, b), false);
        expectEqual(b, true, "b");
        expectEqual(prx->opBool(false, b), true);
        expectEqual(b, false, "b");
    });
    add("opByte", [=] {
        Ice::Byte sum = 1;
        expectEqual<int>(prx->opByte(0x0F, 0xF1, sum), 0xFE);
        expectEqual<int>(sum, 0, "sum");
        expectEqual<int>(prx->opByte(255, 255, sum), 0);
        expectEqual<int>(sum, 254, "sum");
    });
    add("opShort", [=] {
        short diff = 0;
        expectEqual<short>(prx->opShort(1000, 24, diff), 1024);
        expectEqual<short>(diff, 976, "diff");
        expectEqual<short>(prx->opShort(32767, 1, diff), -32768);
        expectEqual<short>(diff, 32766, "diff");
        expectEqual<short>(prx->opShort(-32768, 1, diff), -32767);
        expectEqual<short>(diff, 32767, "diff");
    });
    add("opInt", [=] {
        int diff = 0;
        expectEqual(prx->opInt(40, 2, diff), 42);
        expectEqual(diff, 38, "diff");
        expectEqual(prx->opInt(2147483647, 1, diff), -2147483647 - 1);
        expectEqual(diff, 2147483646, "diff");
        expectEqual(prx->opInt(-2147483647 - 1, 1, diff), -2147483647);
        expectEqual(diff, 2147483647, "diff");
    });
    add("opLong", [=] {
        long long diff = 0;
        expectEqual(prx->opLong(1LL << 40, 5, diff), (1LL << 40) + 5);
        expectEqual(diff, (1LL << 40) - 5, "diff");
        expectEqual(prx->opLong(9223372036854775807LL, 1, diff), -9223372036854775807LL - 1);
        expectEqual(diff, 9223372036854775806LL, "diff");
    });
    add("opFloat", [=] {
        float half = 0;
        expectEqual(prx->opFloat(3.5f, half), 7.0f);
        expectEqual(half, 1.75f, "half");
        expectEqual(prx->opFloat(-0.125f, half), -0.25f);
        expectEqual(half, -0.0625f, "half");
    });
    add("opDouble", [=] {
        double half = 0;
        expectEqual(prx->opDouble(1e300, half), 2e300);
        expectEqual(half, 5e299, "half");
        expectEqual(prx->opDouble(-2.5, half), -5.0);
        expectEqual(half, -1.25, "half");
    });
    add("opString", [=] {
        std::string ba;
        expectEqual(prx->opString("ab", "cd", ba), std::string("abcd"));
        expectEqual(ba, std::string("cdab"), "ba");
        expectEqual(prx->opString("", "", ba), std::string());
        expectEqual(ba, std::string(), "ba");
        expectEqual(prx->opString(u8"grüße ", u8"日本語 🎉", ba), std::string(u8"grüße 日本語 🎉"));
        expectEqual(ba, std::string(u8"日本語 🎉grüße "), "ba");
    });
    add("opStringLong", [=] {
        // Sizes above 254 take Ice's five-byte size form; 100 000 characters also spans many socket reads.
        std::string a(100000, 'x');
        std::string b;
        for (int i = 0; i < 300; ++i)
        {
            b += u8"é";
        }
        std::string ba;
        expectEqual(prx->opString(a, b, ba) == a + b, true, "a + b");
        expectEqual(ba == b + a, true, "b + a");
    });
    add("opColor", [=] {
        Color next = Color::Blue;
        check(prx->opColor(Color::Red, next) == Color::Red && next == Color::Green, "Red should give Red, Green");
        check(prx->opColor(Color::Blue, next) == Color::Blue && next == Color::Red, "Blue should give Blue, Red");
    });
    add("opRich", [=] {
        Test::Rich r{true, 200, -5, 2147483647, -(1LL << 50), 1.5f, -2.25, u8"hello wörld", Color::Green, Point{3, -4}};
        Test::Rich expected{true, 200, -5, -2147483647 - 1, -(1LL << 50), 1.5f, -2.25, u8"HELLO WÖRLD", Color::Green, Point{3, -4}};
        auto got = prx->opRich(r);
        expectEqual(got.str, expected.str, "str");
        expectEqual(got.i, expected.i, "i");
        check(got == expected, "another field came back changed");
    });
    add("opByteSeq", [=] {
        Test::ByteSeq data;
        for (int i = 0; i < 300; ++i)
        {
            data.push_back(static_cast<Ice::Byte>(i % 256));
        }
        expectEqual(prx->opByteSeq(data), Test::ByteSeq(data.rbegin(), data.rend()));
        expectEqual(prx->opByteSeq({}), Test::ByteSeq());
    });
    add("opIntSeq", [=] {
        expectEqual(prx->opIntSeq({1, -2, 3, 2147483647}), Test::IntSeq{2147483647, 3, -2, 1});
        expectEqual(prx->opIntSeq({}), Test::IntSeq());
    });
    add("opStringSeq", [=] {
        Test::StringSeq reversed;
        expectEqual(prx->opStringSeq({"a", "", u8"ç"}, reversed), Test::StringSeq{"a", "", u8"ç"}, "returned");
        expectEqual(reversed, Test::StringSeq{u8"ç", "", "a"}, "reversed");
    });
    add("opPointSeq", [=] {
        expectEqual(prx->opPointSeq({Point{1, 2}, Point{-3, 4}}), Test::PointSeq{Point{2, 1}, Point{4, -3}});
    });
    add("opStringSeqSeq", [=] {
        expectEqual(prx->opStringSeqSeq({{"a", "b", "c"}, {}, {"x"}}), Test::StringSeqSeq{{"c", "b", "a"}, {}, {"x"}});
    });
    add("opDict", [=] {
        Test::StringIntDict d{{"one", 1}, {"minus", -7}, {"big", 1 << 30}};
        Test::StringIntDict doubled;
        expectEqual(prx->opDict(d, doubled), d, "returned");
        expectEqual(doubled, Test::StringIntDict{{"one", 2}, {"minus", -14}, {"big", -2147483647 - 1}}, "doubled");
    });
    add("opNestedDict", [=] {
        expectEqual(prx->opNestedDict({{1, {"a"}}, {-2, {"b", "c"}}, {0, {}}}),
                    Test::IntStringSeqDict{{-1, {"a"}}, {2, {"b", "c"}}, {0, {}}});
    });
    add("opShape", [=] {
        auto circle = std::dynamic_pointer_cast<Test::Circle>(prx->opShape(std::make_shared<Test::Circle>("c", 2.5)));
        check(circle != nullptr, "expected a Circle back");
        check(circle->name == "c!" && circle->radius == 2.5, "Circle: got " + circle->name + ", " + show(circle->radius));
        auto square = std::dynamic_pointer_cast<Test::Square>(prx->opShape(std::make_shared<Test::Square>("s", 4.0)));
        check(square != nullptr, "expected a Square back");
        check(square->name == "s!" && square->side == 4.0, "Square: got " + square->name + ", " + show(square->side));
        auto plain = prx->opShape(std::make_shared<Test::Shape>("plain"));
        check(plain != nullptr && plain->ice_id() == "::Test::Shape", "expected a Shape back");
        expectEqual(plain->name, std::string("plain!"), "name");
        check(prx->opShape(nullptr) == nullptr, "a null Shape came back non-null");
    });
    add("opShapeSeq", [=] {
        auto c = std::make_shared<Test::Circle>("c", 1.0);
        auto s = std::make_shared<Test::Square>("s", 2.0);
        auto got = prx->opShapeSeq({c, s, c, nullptr});
        expectEqual<std::size_t>(got.size(), 4, "length");
        check(got[0] == nullptr, "element 0 should be null");
        auto c1 = std::dynamic_pointer_cast<Test::Circle>(got[1]);
        auto s2 = std::dynamic_pointer_cast<Test::Square>(got[2]);
        check(c1 && s2 && std::dynamic_pointer_cast<Test::Circle>(got[3]), "the elements' types changed");
        check(got[1] == got[3], "the instance sent twice came back as two instances");
        check(got[1] != got[2], "distinct instances came back as one");
        check(c1->name == "c" && c1->radius == 1.0 && s2->name == "s" && s2->side == 2.0, "the fields changed");
    });
    add("opCycle", [=] {
        auto head = prx->opCycle(5);
        auto node = head;
        std::vector<int> values;
        for (int i = 0; i < 5 && node; ++i)
        {
            values.push_back(node->value);
            node = node->next;
        }
        bool closed = node == head;
        // The C++11 mapping has no cycle collector: break the ring so it is freed.
        if (head)
        {
            head->next.reset();
        }
        expectEqual(values, std::vector<int>{1, 2, 3, 4, 5}, "values");
        check(closed, "node 5's next is not node 1");
        auto one = prx->opCycle(1);
        bool self = one && one->value == 1 && one->next == one;
        if (one)
        {
            one->next.reset();
        }
        check(self, "a ring of one should point to itself");
    });
    add("throwBase", [=] {
        auto e = expectThrows<Test::BaseError>("BaseError", [&] { prx->throwBase("bad"); });
        expectEqual(e.ice_id(), std::string("::Test::BaseError"), "type");
        expectEqual(e.reason, std::string("bad"), "reason");
    });
    add("throwDerived", [=] {
        auto e = expectThrows<Test::DerivedError>("DerivedError", [&] { prx->throwDerived("worse", 42); });
        expectEqual(e.reason, std::string("worse"), "reason");
        expectEqual(e.code, 42, "code");
    });
    add("throwUnknown", [=] {
        auto e = expectThrows<Ice::UnknownException>("UnknownException", [&] { prx->throwUnknown(); });
        expectEqual(e.ice_id(), std::string("::Ice::UnknownException"), "type");
    });
    add("opOptionalSet", [=] {
        Ice::optional<std::string> outS;
        auto r = prx->opOptional(41, std::string("ab"), outS);
        check(r && *r == 42, "expected 42");
        check(outS && *outS == "abab", "expected abab");
    });
    add("opOptionalUnset", [=] {
        Ice::optional<std::string> outS = std::string("stale");
        auto r = prx->opOptional(Ice::nullopt, Ice::nullopt, outS);
        check(!r && !outS, "both should come back unset");
        r = prx->opOptional(7, Ice::nullopt, outS);
        check(r && *r == 8 && !outS, "expected 8 and unset");
        r = prx->opOptional(Ice::nullopt, std::string("x"), outS);
        check(!r && outS && *outS == "xx", "expected unset and xx");
    });
    add("opContext", [=] {
        expectEqual(prx->opContext(), Test::Ctx(), "no context");
        Test::Ctx ctx{{"user", "steward"}, {"empty", ""}, {u8"ünï", u8"çödé"}};
        expectEqual(prx->opContext(ctx), ctx, "explicit context");
        expectEqual(prx->ice_context({{"via", "proxy"}})->opContext(), Test::Ctx{{"via", "proxy"}}, "proxy context");
    });
    add("oneway", [=] {
        prx->setValue(1);
        prx->ice_oneway()->setValue(77);
        pollValue(prx, 77);
    });
    add("batchOneway", [=] {
        prx->setValue(100);
        auto batch = prx->ice_batchOneway();
        batch->setValue(5);
        batch->setValue(6);
        // Queued on the client until the flush: the server still holds the twoway's value.
        expectEqual(prx->getValue(), 100, "before the flush");
        batch->ice_flushBatchRequests();
        pollValue(prx, 6);
    });
    add("opIdempotent", [=] {
        expectEqual(prx->opIdempotent(14), 42);
        expectEqual(prx->opIdempotent(1 << 30), -1073741824);
    });
    add("objectNotExist", [=] {
        auto other = communicator->stringToProxy("nosuch:" + endpoint);
        auto e = expectThrows<Ice::ObjectNotExistException>("ObjectNotExistException", [&] { other->ice_ping(); });
        expectEqual(e.id.name, std::string("nosuch"), "identity");
    });
    add("facetNotExist", [=] {
        auto e = expectThrows<Ice::FacetNotExistException>("FacetNotExistException", [&] { prx->ice_facet("nofacet")->ice_ping(); });
        expectEqual(e.facet, std::string("nofacet"), "facet");
    });
    add("operationNotExist", [=] {
        std::vector<Ice::Byte> out;
        auto e = expectThrows<Ice::OperationNotExistException>("OperationNotExistException", [&] {
            prx->ice_invoke("noSuchOp", Ice::OperationMode::Normal, std::vector<Ice::Byte>(), out);
        });
        expectEqual(e.operation, std::string("noSuchOp"), "operation");
    });
    add("concurrentCalls", [=] {
        auto connection = prx->ice_getConnection();
        std::vector<std::future<Test::Operations::OpIntResult>> futures;
        for (int i = 0; i < 200; ++i)
        {
            futures.push_back(prx->opIntAsync(i, 1));
        }
        for (int i = 0; i < 200; ++i)
        {
            auto r = futures[static_cast<std::size_t>(i)].get();
            check(r.returnValue == i + 1 && r.diff == i - 1, "call " + std::to_string(i) + " got the wrong reply");
        }
        check(prx->ice_getConnection() == connection, "the calls did not share one connection");
    });
    add("ice_ping", [=] { prx->ice_ping(); });
    add("ice_isA", [=] {
        check(prx->ice_isA("::Test::Operations"), "ice_isA(::Test::Operations) is false");
        check(prx->ice_isA("::Ice::Object"), "ice_isA(::Ice::Object) is false");
        check(!prx->ice_isA("::Test::Nothing"), "ice_isA(::Test::Nothing) is true");
    });
    add("ice_id", [=] { expectEqual(prx->ice_id(), std::string("::Test::Operations")); });
    add("ice_ids", [=] { expectEqual(prx->ice_ids(), std::vector<std::string>{"::Ice::Object", "::Test::Operations"}); });
    add("checkedCast", [=] {
        check(Ice::checkedCast<Test::OperationsPrx>(communicator->stringToProxy("test:" + endpoint)) != nullptr,
              "checkedCast returned null");
    });
    return all;
}

}

int main(int argc, char* argv[])
{
    std::string host = "127.0.0.1";
    std::string port;
    std::string only; // ",a,b," when --only was given
    for (int i = 1; i < argc; ++i)
    {
        std::string arg = argv[i];
        if (arg.rfind("--port=", 0) == 0)
        {
            port = arg.substr(7);
        }
        else if (arg.rfind("--host=", 0) == 0)
        {
            host = arg.substr(7);
        }
        else if (arg.rfind("--only=", 0) == 0)
        {
            only = "," + arg.substr(7) + ",";
        }
    }
    if (port.empty())
    {
        std::cerr << "usage: client --host=H --port=N [--only=case,case]" << std::endl;
        return 2;
    }
    int passed = 0;
    int failed = 0;
    try
    {
        Ice::InitializationData init;
        init.properties = Ice::createProperties();
        init.properties->setProperty("Ice.ACM.Close", "0");
        init.properties->setProperty("Ice.ACM.Heartbeat", "0");
        init.properties->setProperty("Ice.MessageSizeMax", "102400");
        // The C++11 mapping refuses class graphs with cycles (opCycle returns one) unless told to accept them.
        init.properties->setProperty("Ice.AcceptClassCycles", "1");
        // A hung server fails the call that hangs instead of the whole run.
        init.properties->setProperty("Ice.Default.InvocationTimeout", "30000");
        Ice::CommunicatorHolder holder(init);
        auto communicator = holder.communicator();
        auto endpoint = "tcp -h " + host + " -p " + port;
        auto prx = Ice::uncheckedCast<Test::OperationsPrx>(communicator->stringToProxy("test:" + endpoint));
        for (const auto& [name, run] : cases(communicator, prx, endpoint))
        {
            if (!only.empty() && only.find("," + name + ",") == std::string::npos)
            {
                continue;
            }
            try
            {
                run();
                std::cout << name << ": passed" << std::endl;
                ++passed;
            }
            catch (const Ice::Exception& e)
            {
                std::string why = e.ice_id() + ": " + e.what();
                std::replace(why.begin(), why.end(), '\n', ' ');
                std::cout << "FAIL " << name << ": " << why << std::endl;
                ++failed;
            }
            catch (const std::exception& e)
            {
                std::cout << "FAIL " << name << ": " << e.what() << std::endl;
                ++failed;
            }
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << "client: " << e.what() << std::endl;
        ++failed;
    }
    std::cout << passed << " passed, " << failed << " failed" << std::endl;
    return failed == 0 ? 0 : 1;
}
