using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Steward.Rpc.Corba.Tests.Naming;

/// <summary>A real omniNames on a free loopback port with a temporary log directory, killed (and the directory removed) on dispose.</summary>
public sealed class OmniNames : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _logDirectory;

    private OmniNames(Process process, string logDirectory, int port)
    {
        _process = process;
        _logDirectory = logDirectory;
        Port = port;
    }

    public int Port { get; }

    public string Corbaloc => $"corbaloc:iiop:127.0.0.1:{Port}/NameService";

    /// <summary>Where a program is on the PATH; null when it is not.</summary>
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    /// <summary>Starts omniNames, or skips the test when it is not installed.</summary>
    public static async Task<OmniNames> StartAsync()
    {
        var program = Find("omniNames");
        if (program is null)
        {
            Assert.Skip("needs omniNames (Debian's omniorb-nameserver; scripts/setup installs it)");
        }
        var port = FreePort();
        var logs = Directory.CreateTempSubdirectory("steward-omninames-").FullName;
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-start", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-logdir", logs, "-ORBendPoint", $"giop:tcp:127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("omniNames did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var names = new OmniNames(process, logs, port);
        // Wait (bounded) until it accepts connections.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
                return names;
            }
            catch (SocketException) when (attempt < 200 && !process.HasExited)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
            catch
            {
                await names.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Runs nameclt against this omniNames; its standard output.</summary>
    public async Task<string> NameCltAsync(params string[] arguments)
    {
        var program = Find("nameclt");
        if (program is null)
        {
            Assert.Skip("needs nameclt (Debian's omniorb; scripts/setup installs it)");
        }
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-ORBInitRef");
        start.ArgumentList.Add($"NameService=corbaname::127.0.0.1:{Port}");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"nameclt {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
        return await output;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
        finally
        {
            _process.Dispose();
            Directory.Delete(_logDirectory, recursive: true);
        }
    }
}
