# expect STW2001
struct S {}
include "shared.thrift"
