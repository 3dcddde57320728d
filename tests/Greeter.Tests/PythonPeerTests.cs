using System.Diagnostics;
using System.Text.Json;

namespace Greeter.Tests;

/// <summary>
/// Real peers: Apache Thrift's Python library (Debian's thrift compiler + python3-thrift) calling the
/// Greeter's Thrift port, and ZeroC Ice for Python (python3-zeroc-ice) calling its Ice port with the
/// equivalent Slice (samples/Greeter/ice/greeter.ice).
/// </summary>
public sealed class PythonPeerTests : RunningGreeter
{
    [Theory]
    [InlineData("binary")]
    [InlineData("compact")]
    public async Task A_python_thrift_client_gets_the_reply_the_grpc_client_gets(string protocol)
    {
        if (!File.Exists("/usr/bin/thrift") || (await RunAsync("/usr/bin/python3", ["-c", "import thrift"])).ExitCode != 0)
        {
            Assert.Skip("needs Debian's thrift-compiler and python3-thrift (scripts/setup installs them)");
        }
        var peer = Path.Combine(AppContext.BaseDirectory, "peer");
        var gen = Directory.CreateTempSubdirectory("greeter-py-");
        try
        {
            var compile = await RunAsync("/usr/bin/thrift", ["--gen", "py", "-out", gen.FullName, Path.Combine(peer, "greeter.thrift")]);
            Assert.True(compile.ExitCode == 0, compile.Output);

            var call = await RunAsync("/usr/bin/python3", [Path.Combine(peer, "client.py"), gen.FullName, ThriftPort.ToString(System.Globalization.CultureInfo.InvariantCulture), protocol]);

            Assert.True(call.ExitCode == 0, call.Output);
            using var reply = JsonDocument.Parse(call.Output);
            Assert.Equal("Hello, Ada!", reply.RootElement.GetProperty("message").GetString());
            Assert.Equal((int)Language.English, reply.RootElement.GetProperty("language").GetInt32());
            Assert.Equal(["a", "b"], reply.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        }
        finally
        {
            gen.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_python_ice_client_with_the_equivalent_slice_gets_the_reply_the_grpc_client_gets()
    {
        if ((await RunAsync("/usr/bin/python3", ["-c", "import Ice"])).ExitCode != 0)
        {
            Assert.Skip("needs Debian's python3-zeroc-ice (scripts/setup installs it)");
        }
        var client = Path.Combine(AppContext.BaseDirectory, "ice", "client.py");

        var call = await RunAsync("/usr/bin/python3", [client, IcePort.ToString(System.Globalization.CultureInfo.InvariantCulture), "Ada"]);

        Assert.True(call.ExitCode == 0, call.Output);
        using var reply = JsonDocument.Parse(call.Output);
        Assert.Equal("Hello, Ada!", reply.RootElement.GetProperty("message").GetString());
        Assert.Equal((int)Language.English, reply.RootElement.GetProperty("language").GetInt32());
        Assert.Equal(["a", "b"], reply.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var error = await stderr;
        return (process.ExitCode, process.ExitCode == 0 ? await stdout : await stdout + error);
    }
}
