using System.Diagnostics;
using System.Text.Json;

namespace Steward.Rpc.Grpc.Tests.Reflection;

/// <summary>
/// grpcio (Debian's python3-grpcio) as the reflection client. Debian has no grpcio-reflection package, so
/// the script generates the stub from reflection.proto and rebuilds the answers in python-protobuf's
/// descriptor pool (the C++ implementation), which validates them independently of Google.Protobuf.
/// </summary>
public sealed class GrpcioReflectionTests
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task Grpcio_client_lists_services_and_rebuilds_the_catalog_descriptors()
    {
        if (!File.Exists(Python) || !File.Exists("/usr/bin/protoc") || !File.Exists("/usr/bin/grpc_python_plugin"))
        {
            Assert.Skip("needs /usr/bin/python3 with python3-grpcio, protoc and grpc_python_plugin (scripts/setup installs them)");
        }
        await using var host = await ReflectionHost.StartAsync();
        var work = Directory.CreateTempSubdirectory("steward-grpcio-reflection-");
        try
        {
            var root = DescriptorBytesTests.RepoRoot;
            var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(root, "tests/Steward.Rpc.Grpc.Tests/Reflection/python/reflection_client.py"));
            start.ArgumentList.Add(host.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            start.ArgumentList.Add(Path.Combine(root, "src/Steward.Rpc.Grpc/Reflection/Protos"));
            start.ArgumentList.Add(work.FullName);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            if (process.ExitCode != 0 && (await stderr).Contains("No module named 'grpc'", StringComparison.Ordinal))
            {
                Assert.Skip("Debian's python3-grpcio is not installed (scripts/setup installs it)");
            }
            Assert.True(process.ExitCode == 0, "the grpcio client failed: " + await stderr);

            using var result = JsonDocument.Parse(await stdout);
            var json = result.RootElement;
            Assert.Equal(
                ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", "steward.reflection.test.ShapeCatalog"],
                json.GetProperty("services").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("steward/reflection/test/catalog.proto", json.GetProperty("first_file").GetString());
            Assert.Equal(
                ["google/protobuf/descriptor.proto", "google/protobuf/empty.proto", "google/protobuf/timestamp.proto",
                 "steward/reflection/test/catalog.proto", "steward/reflection/test/shapes.proto"],
                json.GetProperty("files").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(
            [
                "Get steward.reflection.test.GetShapeRequest steward.reflection.test.Shape False False",
                "List google.protobuf.Empty steward.reflection.test.Shape False True",
                "Upload steward.reflection.test.Shape steward.reflection.test.UploadSummary True False",
                "Sync steward.reflection.test.GetShapeRequest steward.reflection.test.Shape True True",
            ], json.GetProperty("methods").EnumerateArray().Select(m => string.Join(' ', m.EnumerateArray().Select(v => v.ToString()))));
            Assert.Equal(["key", "_include_points"], json.GetProperty("oneofs").EnumerateArray().Select(e => e.GetString()));
            var missing = json.GetProperty("missing_error");
            Assert.Equal((int)StatusCode.NotFound, missing[0].GetInt32());
            Assert.Contains("no.such.Symbol", missing[1].GetString(), StringComparison.Ordinal);
            Assert.Equal(
                ["steward/reflection/test/shapes.proto", "google/protobuf/descriptor.proto", "google/protobuf/timestamp.proto"],
                json.GetProperty("by_name").EnumerateArray().Select(e => e.GetString()));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
