include "../shared.thrift"

namespace py steward.nested

typedef shared.SharedStruct Alias

struct Holder {
  1: Alias aliased,
  2: shared.Level level = shared.Level.HIGH,
  3: optional list<shared.SharedStruct> many,
}

service NestedService extends shared.SharedService {
  Holder wrap(1: shared.SharedStruct inner)
}
