// Prints the encapsulations Ice for C++ 3.7 writes for the values the C# tests write too, one "name hex" per line.
#include <Ice/Ice.h>
#include <iomanip>
#include <iostream>
#include "StewardTest.h"
#include "Extra.h"
#include "Unknown.h"

using namespace std;

static void print(const string& name, Ice::OutputStream& out)
{
    vector<Ice::Byte> bytes;
    out.finished(bytes);
    cout << name << ' ';
    for (auto b : bytes)
    {
        cout << hex << setw(2) << setfill('0') << static_cast<int>(b);
    }
    cout << dec << endl;
}

template<typename F>
static void encaps(const Ice::CommunicatorPtr& c, const string& name, Ice::FormatType format, F write)
{
    Ice::OutputStream out(c);
    out.startEncapsulation(Ice::currentEncoding, format);
    write(out);
    out.writePendingValues();
    out.endEncapsulation();
    print(name, out);
}

int main(int argc, char* argv[])
{
    Ice::CommunicatorHolder holder(argc, argv);
    auto c = holder.communicator();
    const auto compact = Ice::FormatType::CompactFormat;
    const auto sliced = Ice::FormatType::SlicedFormat;

    encaps(c, "point", compact, [](Ice::OutputStream& o) { o.write(Test::Point{1, -2}); });
    encaps(c, "rich", compact, [](Ice::OutputStream& o) {
        o.write(Test::Rich{true, 200, -3, 70000, -5000000000LL, 1.5f, -2.25, "h\xc3\xa9llo", Test::Color::Blue, Test::Point{3, 4}});
    });
    encaps(c, "dict", compact, [](Ice::OutputStream& o) {
        Test::IntStringSeqDict d{{1, {"a", "b"}}, {-7, {}}};
        o.write(d);
    });

    for (auto format : {compact, sliced})
    {
        const string suffix = format == compact ? "-compact" : "-sliced";
        encaps(c, "shapes" + suffix, format, [](Ice::OutputStream& o) {
            auto circle = make_shared<Test::Circle>("c", 2.5);
            auto square = make_shared<Test::Square>("s", 4.0);
            Test::ShapeSeq seq{circle, square, circle, nullptr};
            o.write(seq);
        });
        encaps(c, "cycle" + suffix, format, [](Ice::OutputStream& o) {
            auto n1 = make_shared<Test::Node>(1, nullptr);
            auto n2 = make_shared<Test::Node>(2, nullptr);
            auto n3 = make_shared<Test::Node>(3, n1);
            n1->next = n2;
            n2->next = n3;
            o.write(n1);
        });
        encaps(c, "derived" + suffix, format, [](Ice::OutputStream& o) {
            o.writeException(Test::DerivedError("bad", 7));
        });
        encaps(c, "withclass" + suffix, format, [](Ice::OutputStream& o) {
            auto circle = make_shared<Test::Circle>("w", 0.5);
            o.writeException(Extra::WithClass(circle, Test::ShapeSeq{circle, make_shared<Test::Square>("q", 1.0)}));
        });
        encaps(c, "unseen" + suffix, format, [](Ice::OutputStream& o) {
            o.writeException(Extra::Unseen("odd", 9, 1234567890123LL));
        });
        encaps(c, "opt" + suffix, format, [](Ice::OutputStream& o) {
            auto full = make_shared<Extra::Opt>(1, 2, string("two"), Test::Point{5, 6}, Test::IntSeq{7, 8, 9}, 40LL);
            auto empty = make_shared<Extra::Opt>();
            empty->a = -1;
            o.write(full);
            o.write(empty);
        });
        encaps(c, "tiny" + suffix, format, [](Ice::OutputStream& o) {
            auto t = make_shared<Extra::Tinier>("t", 3);
            o.write(t);
            o.write(Ice::ValuePtr(make_shared<Extra::Tiny>("u")));
        });
        encaps(c, "hidden" + suffix, format, [](Ice::OutputStream& o) {
            auto circle = make_shared<Test::Circle>("in", 1.0);
            auto h = make_shared<Extra::Hidden>(10, "psst", circle);
            o.write(h);
            o.write(circle);
        });
    }
    encaps(c, "params", compact, [](Ice::OutputStream& o) {
        // opOptional's in-parameters: none required, then the optionals in tag order.
        o.write(2, Ice::optional<int>(5));
        o.write(3, Ice::optional<string>("hi"));
    });
    encaps(c, "params-unset", compact, [](Ice::OutputStream& o) {
        o.write(2, Ice::optional<int>());
        o.write(3, Ice::optional<string>("x"));
    });
    return 0;
}
