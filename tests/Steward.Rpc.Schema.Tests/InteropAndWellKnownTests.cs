using static Steward.Rpc.Schema.Tests.TestSupport;

namespace Steward.Rpc.Schema.Tests;

public class InteropAndWellKnownTests
{
    public static TheoryData<string> WellKnownFiles() => new(WellKnownTypes.Paths.OrderBy(p => p, StringComparer.Ordinal));

    [Fact]
    public void Every_well_known_type_ships()
    {
        var expected = new[] { "any", "api", "descriptor", "duration", "empty", "field_mask", "source_context", "struct", "timestamp", "type", "wrappers" }
            .Select(n => $"google/protobuf/{n}.proto");
        Assert.Equal(expected, WellKnownTypes.Paths.OrderBy(p => p, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(WellKnownFiles))]
    public void Well_known_file_compiles_clean_and_is_marked(string path)
    {
        var set = SchemaCompiler.Compile([path], new InMemoryFileSource());
        AssertClean(set);
        Assert.All(set.Files, f => Assert.True(f.IsWellKnown));
        Assert.Equal("google.protobuf", Root(set).Package);
    }

    [Fact]
    public void Well_known_contracts_match_the_official_names_and_numbers()
    {
        var set = SchemaCompiler.Compile(WellKnownTypes.Paths.ToArray(), new InMemoryFileSource());
        AssertClean(set);
        string Shape(string name) => string.Join(",", Message(set, name).Fields.Select(f => $"{f.Name}={f.Number}"));
        Assert.Equal("seconds=1,nanos=2", Shape("google.protobuf.Timestamp"));
        Assert.Equal("seconds=1,nanos=2", Shape("google.protobuf.Duration"));
        Assert.Equal("type_url=1,value=2", Shape("google.protobuf.Any"));
        Assert.Equal("paths=1", Shape("google.protobuf.FieldMask"));
        Assert.Equal("fields=1", Shape("google.protobuf.Struct"));
        Assert.Equal("null_value=1,number_value=2,string_value=3,bool_value=4,struct_value=5,list_value=6", Shape("google.protobuf.Value"));
        Assert.Equal("values=1", Shape("google.protobuf.ListValue"));
        Assert.Empty(Message(set, "google.protobuf.Empty").Fields);
        foreach (var wrapper in new[] { "Double", "Float", "Int64", "UInt64", "Int32", "UInt32", "Bool", "String", "Bytes" })
        {
            Assert.Equal("value=1", Shape($"google.protobuf.{wrapper}Value"));
        }
        Assert.Equal("NULL_VALUE=0", string.Join(",", Enum(set, "google.protobuf.NullValue").Values.Select(v => $"{v.Name}={v.Number}")));
        Assert.All(set.Files.Where(f => f.Path != "google/protobuf/descriptor.proto"),
            f => Assert.Equal("Google.Protobuf.WellKnownTypes", f.FindOption("csharp_namespace")!.Value.Text));
        var descriptor = set.Files.Single(f => f.Path == "google/protobuf/descriptor.proto");
        Assert.Equal(IdlSyntax.Proto2, descriptor.Syntax);
        Assert.Equal("Google.Protobuf.Reflection", descriptor.FindOption("csharp_namespace")!.Value.Text);
        var fieldOptions = Message(set, "google.protobuf.FieldOptions");
        Assert.Equal((1000, 536870911), (fieldOptions.ExtensionRanges[0].Start, fieldOptions.ExtensionRanges[0].End));
        Assert.Equal(FieldLabel.Optional, Field(fieldOptions, "packed").Label);
        Assert.Equal("STRING", Field(fieldOptions, "ctype").DefaultValue!.Text);
    }

    [Fact]
    public void Grpc_interop_protos_compile_clean_with_every_call_kind()
    {
        var set = CompileTestData("grpc/testing/test.proto");
        AssertClean(set);
        Assert.Equal(3, set.Files.Count);
        var test = set.Services["grpc.testing.TestService"];
        Assert.Equal(
            new[] { "EmptyCall:Unary", "UnaryCall:Unary", "CacheableUnaryCall:Unary", "StreamingOutputCall:ServerStreaming",
                "StreamingInputCall:ClientStreaming", "FullDuplexCall:Duplex", "HalfDuplexCall:Duplex", "UnimplementedCall:Unary" },
            test.Methods.Select(m => $"{m.Name}:{m.CallKind}"));
        Assert.Equal("grpc.testing.Empty", test.Methods[0].InputType.Definition!.FullName);
        Assert.Equal("grpc.testing.SimpleResponse", test.Methods[1].OutputType.Definition!.FullName);
        var stats = Message(set, "grpc.testing.LoadBalancerStatsResponse");
        Assert.Contains(stats.NestedMessages, m => m.Name == "RpcsByPeerEntry" && m.IsMapEntry);
        Assert.Contains(stats.NestedMessages, m => m.Name == "MetadataEntry" && !m.IsMapEntry);
        Assert.Equal(
            new[] { "TestService", "UnimplementedService", "ReconnectService", "LoadBalancerStatsService", "XdsUpdateHealthService", "XdsUpdateClientConfigureService" },
            set.Files.Single(f => f.Path == "grpc/testing/test.proto").Services.Select(s => s.Name));
    }
}
