using Steward.Rpc.Grpc.Reflection;
using Steward.Rpc.Grpc.Reflection.V1;
using Steward.Rpc.Protobuf;

namespace Steward.Rpc.Grpc.Tests.Reflection;

/// <summary>A registration whose bytes are not a FileDescriptorProto is left out; every other answer still works.</summary>
public sealed class BrokenDescriptorTests
{
    [Fact]
    public void A_garbage_registration_is_not_served_and_does_not_break_the_others()
    {
        // A length prefix running past the end: the decoder must stop with an error, not read beyond the input.
        ProtoDescriptorRegistry.Register("steward/reflection/broken.proto", static () => [0x0A, 0x05, (byte)'b', 0x22, 0x7F]);
        var service = new ReflectionService(() => ["steward.reflection.test.ShapeCatalog"]);

        var byName = service.Answer(new ServerReflectionRequest { FileByFilename = "steward/reflection/broken.proto" });
        Assert.Equal((int)StatusCode.NotFound, byName.ErrorResponse?.ErrorCode);

        var symbol = service.Answer(new ServerReflectionRequest { FileContainingSymbol = "steward.reflection.test.Shape" });
        var names = symbol.FileDescriptorResponse!.FileDescriptorProto.Select(b => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(b.ToByteArray()).Name);
        Assert.Equal(["steward/reflection/test/shapes.proto", "google/protobuf/descriptor.proto", "google/protobuf/timestamp.proto"], names);

        var list = service.Answer(new ServerReflectionRequest { ListServices = "" });
        Assert.Equal(["steward.reflection.test.ShapeCatalog"], list.ListServicesResponse!.Service.Select(s => s.Name));
    }
}
