using System.Diagnostics;
using Google.Protobuf;
using Steward.Rpc.Protobuf;

namespace Steward.Rpc.Grpc.Tests.Reflection;

/// <summary>
/// The FileDescriptorProtos that generated code registers (and reflection serves) are byte for byte what
/// <c>protoc --descriptor_set_out</c> writes for the same file (protoc leaves source info out unless asked):
/// this suite's own protos, health/reflection and the well-known types as registered; the gRPC interop
/// protos and the schema tests' option-heavy everything.proto straight from the builder the generator uses.
/// </summary>
public sealed class DescriptorBytesTests
{
    private const string Protoc = "/usr/bin/protoc";

    internal static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Steward.slnx")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        }
    }

    public static TheoryData<string> Files => new(
        "steward/reflection/test/catalog.proto",
        "steward/reflection/test/shapes.proto",
        "grpc/health/v1/health.proto",
        "grpc/reflection/v1/reflection.proto",
        "grpc/reflection/v1alpha/reflection.proto",
        "google/protobuf/any.proto",
        "google/protobuf/api.proto",
        "google/protobuf/descriptor.proto",
        "google/protobuf/duration.proto",
        "google/protobuf/empty.proto",
        "google/protobuf/field_mask.proto",
        "google/protobuf/source_context.proto",
        "google/protobuf/struct.proto",
        "google/protobuf/timestamp.proto",
        "google/protobuf/type.proto",
        "google/protobuf/wrappers.proto");

    private static readonly Lazy<Dictionary<string, byte[]>> ProtocDescriptors = new(() => RunProtoc(
        ["tests/Steward.Rpc.Grpc.Tests/Reflection/Protos", "src/Steward.Rpc.Grpc/Reflection/Protos", "src/Steward.Rpc.Schema/WellKnown"],
        Files.Select(row => (string)((ITheoryDataRow)row).GetData()[0]!)));

    [Theory, MemberData(nameof(Files))]
    public void Registered_descriptor_equals_protocs(string file)
    {
        if (!File.Exists(Protoc))
        {
            Assert.Skip("protoc is not installed (scripts/setup installs protobuf-compiler).");
        }
        // Runs code of the assembly whose generated code registers health/reflection: its module initializers run
        // before the first call into it (a constant such as ServiceName is inlined and would not do).
        Assert.NotNull(new Grpc.Reflection.ReflectionService(() => []).BindV1());
        var theirs = ProtocDescriptors.Value;
        Assert.True(theirs.ContainsKey(file), "protoc did not compile " + file);
        Assert.True(ProtoDescriptorRegistry.TryGetFile(file, out var ours), file + " is not registered");
        Assert.Equal(Convert.ToHexString(theirs[file]), Convert.ToHexString(ours.Span));
    }

    [Theory]
    [InlineData("testassets/protos", "grpc/testing/test.proto")]
    [InlineData("tests/Steward.Rpc.Schema.Tests/TestData", "everything/everything.proto")]
    [InlineData("tests/Steward.Rpc.Grpc.Tests/Reflection/Protos", "builder/proto2_edge.proto")]
    public void Builder_output_equals_protocs_for_a_file_and_all_its_imports(string root, string file)
    {
        if (!File.Exists(Protoc))
        {
            Assert.Skip("protoc is not installed (scripts/setup installs protobuf-compiler).");
        }
        var theirs = RunProtoc([root, "src/Steward.Rpc.Schema/WellKnown"], [file]);
        var set = Steward.Rpc.Schema.SchemaCompiler.Compile([file], new Steward.Rpc.Schema.DirectoryFileSource([Path.Combine(RepoRoot, root)]));
        Assert.False(set.Diagnostics.HasErrors, string.Join("\n", set.Diagnostics.Items));
        Assert.True(theirs.Count >= 3, "the file and its imports");
        Assert.Equal(theirs.Keys.Order(StringComparer.Ordinal), set.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
        foreach (var schemaFile in set.Files)
        {
            var ours = Steward.Rpc.Schema.Descriptors.FileDescriptorBuilder.Build(set, schemaFile);
            Assert.True(theirs[schemaFile.Path].AsSpan().SequenceEqual(ours), $"{schemaFile.Path}: ours {Convert.ToHexString(ours)} protoc {Convert.ToHexString(theirs[schemaFile.Path])}");
        }
    }

    /// <summary>Each file's raw bytes inside protoc's FileDescriptorSet (read off the wire, not re-serialized).</summary>
    private static Dictionary<string, byte[]> RunProtoc(IEnumerable<string> includes, IEnumerable<string> files)
    {
        var root = RepoRoot;
        var output = Path.Combine(Path.GetTempPath(), "steward-reflection-" + Guid.NewGuid().ToString("N") + ".pb");
        var start = new ProcessStartInfo(Protoc) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var include in includes)
        {
            start.ArgumentList.Add("-I" + Path.Combine(root, include));
        }
        start.ArgumentList.Add("--include_imports");
        start.ArgumentList.Add("--descriptor_set_out=" + output);
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }
        try
        {
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "protoc failed: " + errors);
            var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var input = new CodedInputStream(File.ReadAllBytes(output));
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                Assert.Equal(10u, tag);
                var bytes = input.ReadBytes().ToByteArray();
                result[Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes).Name] = bytes;
            }
            return result;
        }
        finally
        {
            File.Delete(output);
        }
    }
}
