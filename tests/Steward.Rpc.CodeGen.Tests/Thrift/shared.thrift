// Included by corpus.thrift: a base service and a struct from another program and namespace.
namespace netstd CodeGenTests.Thrift.Shared

const i32 SHARED_LIMIT = 7

struct SharedStruct {
  1: i32 key,
  2: string value,
}

service Base {
  i32 ping(1: i32 value),
  void reset(),
  SharedStruct lookup(1: i32 key),
}
