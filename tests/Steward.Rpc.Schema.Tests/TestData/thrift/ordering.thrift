// Forward references that the Thrift compiler allows (fields and typedefs may name types declared
// further down), the legacy keywords it still takes, and separators in every position.
namespace * steward.ordering

typedef Later LaterAlias

struct Early {
  1: Later later;
  2: LaterAlias alias_of_later;
  3: list<Later> many;
  4: optional Early self_reference_is_not_here
}

struct Later xsd_all {
  1: i32 value xsd_optional xsd_nillable xsd_attrs { 1: string attribute },
  2: list<i32> cpp_type "std::deque<int>" numbers,
  3: map cpp_type "std::unordered_map<int, int>" <i32, i32> hashed,
}

enum Flags { NONE = 0, ONE = 1; TWO = 2, }

const Flags DEFAULT_FLAGS = Flags.ONE;
const map<Flags, list<Flags>> IMPLIES = { Flags.TWO: [Flags.ONE, Flags.NONE] };

exception Problem {
  1: string message
}

service Ordered {
  Later get(1: Early early, 2: Flags flags = Flags.TWO) throws (1: Problem problem);
  void put(1: Later later),
}
