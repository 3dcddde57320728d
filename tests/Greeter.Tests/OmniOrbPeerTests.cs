using System.Diagnostics;
using System.Text.Json;

namespace Greeter.Tests;

/// <summary>
/// omniORB 4.2's C++ client (samples/Greeter/corba: the equivalent OMG IDL, compiled by omniidl -bcxx) calling
/// the Greeter's IIOP port: it narrows the reference (an _is_a round trip) and calls SayHello.
/// Needs omniidl, g++, make and libomniorb4-dev (scripts/setup installs them).
/// </summary>
public sealed class OmniOrbPeerTests : RunningGreeter
{
    [Fact]
    public async Task An_omniorb_client_with_the_equivalent_idl_gets_the_reply_the_grpc_client_gets()
    {
        foreach (var tool in new[] { "/usr/bin/omniidl", "/usr/bin/g++", "/usr/bin/make" })
        {
            if (!File.Exists(tool))
            {
                Assert.Skip($"needs {tool} (scripts/setup installs omniidl, g++ and make)");
            }
        }
        if (!File.Exists("/usr/include/omniORB4/CORBA.h"))
        {
            Assert.Skip("needs Debian's libomniorb4-dev (scripts/setup installs it)");
        }
        var source = Path.Combine(AppContext.BaseDirectory, "corba");
        var build = Path.Combine(Path.GetTempPath(), "steward-greeter-omniorb-client");
        var make = await RunAsync("/usr/bin/make", ["-C", source, $"OUT={build}"]);
        Assert.True(make.ExitCode == 0, make.Output);

        var call = await RunAsync(Path.Combine(build, "client"), [$"corbaloc:iiop:1.2@127.0.0.1:{CorbaPort}/greeter", "Ada"]);

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
