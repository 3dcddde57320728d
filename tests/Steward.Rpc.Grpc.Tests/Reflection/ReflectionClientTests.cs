using Google.Protobuf;
using Google.Protobuf.Reflection;
using NetGrpcChannel = global::Grpc.Net.Client.GrpcChannel;
using V1 = global::Grpc.Reflection.V1;
using V1Alpha = global::Grpc.Reflection.V1Alpha;

namespace Steward.Rpc.Grpc.Tests.Reflection;

/// <summary>
/// Steward's reflection service driven by the reference client: Grpc.Net.Client with the reflection stubs
/// of the Grpc.Reflection package; the returned FileDescriptorProtos are rebuilt with Google.Protobuf's
/// FileDescriptor.BuildFromByteStrings, which rejects anything malformed or unresolvable.
/// </summary>
public sealed class ReflectionClientTests : IAsyncLifetime
{
    private const string Catalog = "steward.reflection.test.ShapeCatalog";
    private ReflectionHost _host = null!;
    private NetGrpcChannel _channel = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await ReflectionHost.StartAsync();
        _channel = NetGrpcChannel.ForAddress(_host.Address);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<List<V1.ServerReflectionResponse>> AskV1(params V1.ServerReflectionRequest[] requests)
    {
        var client = new V1.ServerReflection.ServerReflectionClient(_channel);
        using var call = client.ServerReflectionInfo(cancellationToken: TestContext.Current.CancellationToken);
        var responses = new List<V1.ServerReflectionResponse>();
        // One question at a time on the same stream: each answer must come before the next question is asked.
        foreach (var request in requests)
        {
            await call.RequestStream.WriteAsync(request, TestContext.Current.CancellationToken);
            Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken), "the stream ended before answering");
            responses.Add(call.ResponseStream.Current);
        }
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        return responses;
    }

    /// <summary>Builds descriptors the way a reflection client must: dependencies before the files that import them.</summary>
    internal static IReadOnlyList<FileDescriptor> Build(IEnumerable<ByteString> files)
    {
        var protos = files.Select(FileDescriptorProto.Parser.ParseFrom).ToList();
        Assert.Equal(protos.Count, protos.Select(p => p.Name).Distinct().Count());
        var byName = protos.ToDictionary(p => p.Name);
        var ordered = new List<FileDescriptorProto>();
        var done = new HashSet<string>();
        void Visit(FileDescriptorProto proto)
        {
            if (!done.Add(proto.Name))
            {
                return;
            }
            foreach (var dependency in proto.Dependency)
            {
                Assert.True(byName.ContainsKey(dependency), $"{proto.Name} imports {dependency}, which the answer does not carry");
                Visit(byName[dependency]);
            }
            ordered.Add(proto);
        }
        protos.ForEach(Visit);
        return FileDescriptor.BuildFromByteStrings(ordered.Select(p => p.ToByteString()));
    }

    [Fact]
    public async Task Lists_every_hosted_service_over_v1()
    {
        var response = Assert.Single(await AskV1(new V1.ServerReflectionRequest { ListServices = "*" }));
        Assert.Equal(V1.ServerReflectionResponse.MessageResponseOneofCase.ListServicesResponse, response.MessageResponseCase);
        Assert.Equal(
            new[] { Catalog, "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection" }.Order(),
            response.ListServicesResponse.Service.Select(s => s.Name).Order());
        Assert.Equal("*", response.OriginalRequest.ListServices);
    }

    [Fact]
    public async Task Service_symbol_returns_its_file_and_imports_which_Google_Protobuf_rebuilds()
    {
        var response = Assert.Single(await AskV1(new V1.ServerReflectionRequest { FileContainingSymbol = Catalog }));
        var files = response.FileDescriptorResponse.FileDescriptorProto;
        Assert.Equal("steward/reflection/test/catalog.proto", FileDescriptorProto.Parser.ParseFrom(files[0]).Name);
        var descriptors = Build(files);
        Assert.Equal(
            new[] { "google/protobuf/descriptor.proto", "google/protobuf/empty.proto", "google/protobuf/timestamp.proto",
                    "steward/reflection/test/catalog.proto", "steward/reflection/test/shapes.proto" },
            descriptors.Select(d => d.Name).Order());

        var catalog = descriptors.Single(d => d.Name == "steward/reflection/test/catalog.proto");
        var service = Assert.Single(catalog.Services);
        Assert.Equal(Catalog, service.FullName);
        var methods = service.Methods.Select(m => $"{m.Name}({m.InputType.FullName}) {m.IsClientStreaming} {m.IsServerStreaming} {m.OutputType.FullName}");
        Assert.Equal(
        [
            "Get(steward.reflection.test.GetShapeRequest) False False steward.reflection.test.Shape",
            "List(google.protobuf.Empty) False True steward.reflection.test.Shape",
            "Upload(steward.reflection.test.Shape) True False steward.reflection.test.UploadSummary",
            "Sync(steward.reflection.test.GetShapeRequest) True True steward.reflection.test.Shape",
        ], methods);

        var request = catalog.MessageTypes.Single(m => m.Name == "GetShapeRequest");
        Assert.Equal(["key", "_include_points"], request.Oneofs.Select(o => o.Name));
        Assert.Equal(["name", "id"], request.Oneofs[0].Fields.Select(f => f.Name));
        Assert.True(request.FindFieldByName("include_points").HasPresence);
        Assert.Null(request.FindFieldByName("include_points").RealContainingOneof);
        Assert.True(request.FindFieldByName("labels").IsMap);
        Assert.Equal("includePoints", request.FindFieldByName("include_points").JsonName);

        var shape = descriptors.Single(d => d.Name == "steward/reflection/test/shapes.proto").MessageTypes.Single(m => m.Name == "Shape");
        Assert.Equal(["Point"], shape.NestedTypes.Select(t => t.Name));
        Assert.Equal(["KIND_UNSPECIFIED", "POLYGON", "CIRCLE"], shape.EnumTypes.Single().Values.Select(v => v.Name));
        Assert.Equal("google.protobuf.Timestamp", shape.FindFieldByName("created").MessageType.FullName);
        Assert.Equal(FieldType.Message, shape.FindFieldByName("points").FieldType);
        Assert.True(shape.FindFieldByName("points").IsRepeated);
    }

    [Theory]
    [InlineData("steward.reflection.test.ShapeCatalog.Upload", "steward/reflection/test/catalog.proto")]
    [InlineData("steward.reflection.test.GetShapeRequest", "steward/reflection/test/catalog.proto")]
    [InlineData("steward.reflection.test.Shape.Point", "steward/reflection/test/shapes.proto")]
    [InlineData("steward.reflection.test.Shape.Kind", "steward/reflection/test/shapes.proto")]
    [InlineData("steward.reflection.test.Color", "steward/reflection/test/shapes.proto")]
    [InlineData("steward.reflection.test.GREEN", "steward/reflection/test/shapes.proto")]
    [InlineData("steward.reflection.test.Shape.points", "steward/reflection/test/shapes.proto")]
    [InlineData("steward.reflection.test.table_name", "steward/reflection/test/shapes.proto")]
    [InlineData("google.protobuf.Timestamp", "google/protobuf/timestamp.proto")]
    [InlineData("grpc.health.v1.Health.Watch", "grpc/health/v1/health.proto")]
    [InlineData("grpc.reflection.v1.ServerReflection", "grpc/reflection/v1/reflection.proto")]
    [InlineData("grpc.reflection.v1alpha.ServerReflectionResponse", "grpc/reflection/v1alpha/reflection.proto")]
    public async Task Symbols_resolve_to_the_file_declaring_them(string symbol, string file)
    {
        var response = Assert.Single(await AskV1(new V1.ServerReflectionRequest { FileContainingSymbol = symbol }));
        Assert.Equal(V1.ServerReflectionResponse.MessageResponseOneofCase.FileDescriptorResponse, response.MessageResponseCase);
        var files = response.FileDescriptorResponse.FileDescriptorProto;
        Assert.Equal(file, FileDescriptorProto.Parser.ParseFrom(files[0]).Name);
        Assert.NotEmpty(Build(files));
    }

    [Fact]
    public async Task File_by_name_comes_first_followed_by_each_import_once()
    {
        var response = Assert.Single(await AskV1(new V1.ServerReflectionRequest { FileByFilename = "steward/reflection/test/shapes.proto" }));
        var names = response.FileDescriptorResponse.FileDescriptorProto.Select(b => FileDescriptorProto.Parser.ParseFrom(b).Name).ToList();
        Assert.Equal(["steward/reflection/test/shapes.proto", "google/protobuf/descriptor.proto", "google/protobuf/timestamp.proto"], names);
    }

    [Fact]
    public async Task Health_service_is_described_by_its_standard_contract()
    {
        var response = Assert.Single(await AskV1(new V1.ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.Health" }));
        var health = Assert.Single(Build(response.FileDescriptorResponse.FileDescriptorProto)).Services.Single();
        Assert.Equal(["Check False", "Watch True"], health.Methods.Select(m => $"{m.Name} {m.IsServerStreaming}"));
        Assert.Equal("grpc.health.v1.HealthCheckResponse", health.Methods[0].OutputType.FullName);
    }

    [Fact]
    public async Task Unanswerable_questions_get_NOT_FOUND_and_the_stream_keeps_answering()
    {
        var responses = await AskV1(
            new V1.ServerReflectionRequest { FileContainingSymbol = "no.such.Symbol" },
            new V1.ServerReflectionRequest { FileByFilename = "no/such/file.proto" },
            new V1.ServerReflectionRequest { FileContainingExtension = new V1.ExtensionRequest { ContainingType = "google.protobuf.MessageOptions", ExtensionNumber = 1 } },
            new V1.ServerReflectionRequest { AllExtensionNumbersOfType = "no.such.Message" },
            new V1.ServerReflectionRequest(),
            new V1.ServerReflectionRequest { FileContainingSymbol = Catalog });
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(V1.ServerReflectionResponse.MessageResponseOneofCase.ErrorResponse, responses[i].MessageResponseCase);
            Assert.Equal((int)StatusCode.NotFound, responses[i].ErrorResponse.ErrorCode);
            Assert.NotEmpty(responses[i].ErrorResponse.ErrorMessage);
        }
        Assert.Contains("no.such.Symbol", responses[0].ErrorResponse.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal((int)StatusCode.Unimplemented, responses[4].ErrorResponse.ErrorCode);
        Assert.Equal("no.such.Symbol", responses[0].OriginalRequest.FileContainingSymbol);
        Assert.NotEmpty(Build(responses[5].FileDescriptorResponse.FileDescriptorProto));
    }

    [Fact]
    public async Task Extensions_are_found_by_extendee_and_number()
    {
        var responses = await AskV1(
            new V1.ServerReflectionRequest { FileContainingExtension = new V1.ExtensionRequest { ContainingType = "google.protobuf.MessageOptions", ExtensionNumber = 50201 } },
            new V1.ServerReflectionRequest { AllExtensionNumbersOfType = "google.protobuf.FieldOptions" },
            new V1.ServerReflectionRequest { AllExtensionNumbersOfType = "steward.reflection.test.Shape" });
        Assert.Equal("steward/reflection/test/shapes.proto", FileDescriptorProto.Parser.ParseFrom(responses[0].FileDescriptorResponse.FileDescriptorProto[0]).Name);
        Assert.Equal("google.protobuf.FieldOptions", responses[1].AllExtensionNumbersResponse.BaseTypeName);
        Assert.Contains(50202, responses[1].AllExtensionNumbersResponse.ExtensionNumber);
        // A known type without extensions has an empty list, as grpc's C++ and Go servers answer.
        Assert.Equal(V1.ServerReflectionResponse.MessageResponseOneofCase.AllExtensionNumbersResponse, responses[2].MessageResponseCase);
        Assert.Empty(responses[2].AllExtensionNumbersResponse.ExtensionNumber);
    }

    [Fact]
    public async Task The_v1alpha_service_answers_the_same_questions()
    {
        var client = new V1Alpha.ServerReflection.ServerReflectionClient(_channel);
        using var call = client.ServerReflectionInfo(cancellationToken: TestContext.Current.CancellationToken);
        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { ListServices = "" }, TestContext.Current.CancellationToken);
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        Assert.Contains(Catalog, call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name));
        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { FileContainingSymbol = Catalog + ".Sync" }, TestContext.Current.CancellationToken);
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        var catalog = Build(call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto).Single(d => d.Name.EndsWith("catalog.proto", StringComparison.Ordinal));
        Assert.True(catalog.Services[0].FindMethodByName("Sync").IsClientStreaming);
        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { FileContainingSymbol = "missing" }, TestContext.Current.CancellationToken);
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        Assert.Equal((int)StatusCode.NotFound, call.ResponseStream.Current.ErrorResponse.ErrorCode);
        await call.RequestStream.CompleteAsync();
    }
}
