// The Greeter of protos/greeter.proto, declared for Apache Thrift's compiler: the structs carry the
// proto field numbers as field ids and SayHello's argument is field 1, as Steward carries a proto
// method over Thrift (request = args field 1, response = result field 0).
namespace netstd Bench.Apache

struct HelloRequest {
  1: string name
}

struct HelloReply {
  1: string message
}

service Greeter {
  HelloReply SayHello(1: HelloRequest request)
}
