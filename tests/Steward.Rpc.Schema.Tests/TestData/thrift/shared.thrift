/**
 * Types other files include; mirrors the shape of Apache Thrift's tutorial shared.thrift.
 */
namespace * steward.shared
namespace netstd Steward.Tests.Shared

/** A struct referenced as shared.SharedStruct. */
struct SharedStruct {
  1: i32 key
  2: string value
}

enum Level { LOW = 1, MEDIUM, HIGH = 10 }

const i32 SHARED_LIMIT = 100

service SharedService {
  SharedStruct getStruct(1: i32 key)
}
