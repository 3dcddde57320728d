// What the generated code must get right beyond ThriftTest.thrift: defaults of every kind, requiredness,
// unions, exceptions with and without a message field, deep containers, implicit ids, names that collide
// in C#, includes and a service extending one from another file.
namespace netstd CodeGenTests.Thrift
namespace * ignored.when.netstd.is.given

include "shared.thrift"

enum Color {
  RED = 1,
  GREEN,
  BLUE = 10,
}

enum Shout {
  ALL_CAPS_NAME,
  camelCaseName,
  value__,
}

struct Point {
  1: i32 x,
  2: i32 y,
}

const i32 MAX_ITEMS = 100
const i64 BIG = 9223372036854775807
const double RATIO = 0.25
const bool ENABLED = true
const string GREETING = "hello \"world\""
const list<i32> PRIMES = [2, 3, 5, 7]
const set<string> WORDS = ["a", "b"]
const map<string, i32> COUNTS = {"one": 1, "two": 2}
const Color FAVOURITE = Color.GREEN
const Point ORIGIN = {"x": 0, "y": -1}
const map<Color, list<Point>> LAYOUT = {Color.RED: [{"x": 1, "y": 2}]}
const i32 LIMIT_COPY = MAX_ITEMS

struct Defaults {
  1: i32 number = 42,
  2: string text = "default",
  3: list<i32> items = [1, 2, 3],
  4: map<string, Color> colors = {"r": Color.RED},
  5: Color color = Color.BLUE,
  6: optional bool flag = true,
  7: Point origin = {"x": 1, "y": 2},
  8: double ratio = 0.5,
  9: i8 tiny = -8,
  10: i16 small = 300,
  11: binary blob = "abc",
  12: uuid id = "00112233-4455-6677-8899-aabbccddeeff",
  13: set<string> tags = ["x"],
  14: i64 big = -5000000000,
  15: i32 no_default,
}

struct Requiredness {
  1: required i32 req_int,
  2: required string req_text,
  3: optional i32 opt_int,
  4: optional string opt_text,
  5: i32 def_int,
  6: string def_text,
}

union Choice {
  1: i32 number,
  2: string text,
  3: Point point,
  4: list<string> names,
}

// Same ids and types as Choice, so a struct with both set can be read as the union.
struct ChoiceLike {
  1: i32 number,
  2: string text,
}

exception NotFound {
  1: string message,
  2: i32 code,
}

exception Broken {
  1: i32 code,
  2: Point where,
}

struct Nested {
  1: map<string, list<set<i32>>> deep,
  2: list<map<Point, string>> by_point,
  3: set<binary> blobs,
  4: map<i64, Choice> choices,
  5: list<uuid> ids,
  6: list<double> numbers,
  7: list<bool> flags,
  8: map<Color, list<Point>> by_color,
  9: list<i8> small,
  10: map<i16, binary> blob_map,
  11: shared.SharedStruct shared,
}

struct Tricky {
  1: i32 Tricky,
  2: i32 write,
  3: i32 read,
  4: string foo_bar,
  5: string fooBar,
  6: i32 equals,
  7: i32 describe,
  8: i32 get_hash_code,
}

exception Trickier {
  1: string message,
  2: string data,
  3: string source,
  4: i32 stack_trace,
}

struct Implicit {
  i32 first,
  string second,
  5: i32 fifth,
}

struct Node {
  1: i32 value,
  2: optional Node tail,
}

service Calculator extends shared.Base {
  i32 add(1: i32 a, 2: i32 b) throws (1: Broken broken),
  Point move(1: Point p, 2: i32 dx, 3: required string options, 4: i32 context) throws (1: NotFound missing, 2: Broken broken),
  oneway void fire(1: string event),
  void fail(1: i32 code) throws (1: NotFound nf, 2: Broken br),
  Point nothing(),
  Defaults defaults(1: Defaults d),
}

service Scientific extends Calculator {
  double sqrt(1: double x),
}

service Names {
  void bindService(),
  i32 calculate_sum(1: i32 sum_args),
}
