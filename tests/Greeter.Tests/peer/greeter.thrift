// samples/Greeter/protos/greeter.proto as a Thrift peer sees it when Steward carries it over Thrift:
// field number = field id, enums as i32, the request in args field 1, the reply in result field 0.
namespace py greeter

enum Language {
  LANGUAGE_UNSPECIFIED = 0,
  ENGLISH = 1,
  FRENCH = 2,
  GERMAN = 3,
}

struct HelloRequest {
  1: string name,
  2: i32 count,
  3: map<string, string> labels,
}

struct HelloReply {
  1: string message,
  2: Language language,
  3: list<string> tags,
}

service Greeter {
  HelloReply SayHello(1: HelloRequest request)
}
