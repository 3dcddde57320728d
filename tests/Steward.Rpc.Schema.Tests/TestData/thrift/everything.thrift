# Every construct of the Thrift IDL the front-end must accept; the differential test compares
# the model against `thrift --gen json`.
include "shared.thrift"
include "sub/nested.thrift"
cpp_include "<unordered_map>"

namespace * steward.everything
namespace java org.steward.everything
namespace py.twisted steward.twisted (package.annotation = "kept")

typedef i32 MyInteger
typedef list<map<string, i64>> Table (cpp.template = "std::vector")
typedef MyInteger Indirect
typedef shared.SharedStruct Imported

/** Colours, with implicit values continuing from explicit ones. */
enum Color {
  RED,
  GREEN = 5,
  BLUE,             // 6
  /** negative values are allowed */
  BLACK = -3;
  WHITE (deprecated = "use BLUE")
  CYAN = 0x10
} (enum.annotation = "yes")

/** A point. */
struct Point {
  /** horizontal */
  1: i32 x = 0,
  2: i32 y = 0;
  3: optional string label = "none"
  4: required double weight = 1.0
  5: Color color = Color.RED (field.annotation = "f", flag)
  6: bool visible = true
}

struct Line {
  1: Point start
  2: Point finish
}

const i8 SMALL = -128
const byte BYTE_ALIAS = 127
const i16 MEDIUM = 32767
const i32 ANSWER = 42;
const i64 BIG = -9223372036854775808
const i64 HEX = 0x7fffffffffffffff
const double PI = 3.14159
const double EXP = -1.5e-3
const double FROM_INT = 2
const bool YES = true
const bool NO = false
const string GREETING = "hello \"world\"\n\t'single' \\ done"
const string SINGLE = 'it said "hi"'
const binary BLOB = "bytes"
const Color FAVOURITE = Color.BLUE
const i32 BLUE_NUMBER = Color.BLUE
const i32 COPY = ANSWER
const i32 FROM_INCLUDE = shared.SHARED_LIMIT
const list<string> NAMES = ["a", "b"; "c",]
const set<i32> PRIMES = [2, 3, 5, 7]
const set<i32> EMPTY_SET = {}
const map<string, i32> LOOKUP = {"one": 1, "two": 2}
const map<i32, list<Color>> NESTED = {1: [Color.RED, Color.GREEN], 2: []}
const map<Color, string> BY_ENUM = {Color.RED: "red"}
const Point ORIGIN = {"x": 0, "y": 0, "label": "origin"}
const Line UNIT = {"start": {"x": 0, "y": 0}, "finish": {"x": 1, "y": 1}}
const shared.SharedStruct SHARED = {"key": 1, "value": "v"}

struct Everything {
  1: bool b
  2: byte by
  3: i8 i8v
  4: i16 i16v
  5: i32 i32v
  6: i64 i64v
  7: double d
  8: string s
  9: binary bin
  10: list<i32> li
  11: set<string> ss
  12: map<string, Point> mp
  13: list<map<i32, set<list<binary>>>> deep
  14: MyInteger typedefed
  15: Indirect indirect
  16: Table table
  17: Imported imported
  18: shared.SharedStruct qualified
  19: Holder_ref holder
  20: map<Color, list<Line>> by_color
  21: Forward forward
  22: list<i32> (cpp.template = "std::list") annotated_container
  23: map<Point, i32> struct_key
  24: set<list<string>> set_of_lists
  25: Table defaulted_table = [{"a": 1}, {}]
  26: list<string> words = ["x", "y"]
  27: i64 from_const = ANSWER
  required string implicit_required
  optional i32 implicit_optional
  i32 implicit_default
} (struct.annotation = "s", another = "t")

typedef nested.Holder Holder_ref

struct Forward {
  1: optional Point later_point
}

union Choice {
  1: i32 number
  2: string text
  3: Point point
  binary raw
}

exception NotFound {
  1: string message
  2: i32 code = 404
}

exception Invalid {
  1: string why
}

/** The service. */
service Base {
  void ping()
  i32 add(1: i32 a, 2: i32 b)
}

service Everything_service extends Base {
  /** Fire and forget. */
  oneway void notify(1: string event)
  async void legacy_notify(1: string event)
  Point find(1: string name, 2: optional Color hint, 3: required i32 limit) throws (1: NotFound missing, 2: Invalid bad)
  list<Point> all(i32 page, i32 size = 10) throws (NotFound missing)
  map<string, set<i64>> stats()
  Table table(1: Table input)
  shared.SharedStruct shared_struct(1: Imported value) (method.annotation = "m")
  Choice choose(1: Choice choice);
  binary echo_binary(1: binary data),
} (service.annotation = "svc")

service Nested_child extends nested.NestedService {
  void child()
}

service Shared_child extends shared.SharedService {
}
