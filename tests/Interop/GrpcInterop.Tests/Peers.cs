using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace GrpcInterop.Tests;

/// <summary>Starts interop servers and clients as processes and collects each case's "name: passed|FAILED" line.</summary>
internal static class Peers
{
    public static readonly string[] Cases =
    [
        "empty_unary", "large_unary", "client_streaming", "server_streaming", "ping_pong", "empty_stream",
        "custom_metadata", "status_code_and_message", "special_status_message", "unimplemented_method",
        "unimplemented_service", "cancel_after_begin", "cancel_after_first_response", "timeout_on_sleeping_server",
        "client_compressed_unary", "server_compressed_unary",
    ];

    private static readonly string RepoRoot = Metadata("RepoRoot");
    private static readonly string BuildConfiguration = Metadata("BuildConfiguration");
    private static readonly ConcurrentDictionary<string, Lazy<Task<Dictionary<string, string>>>> Runs = new();

    public static string Python => "/usr/bin/python3";
    public static string PythonScript => Path.Combine(RepoRoot, "tests/Interop/GrpcInterop.Tests/python/grpcio_interop.py");
    public static string Protos => Path.Combine(RepoRoot, "testassets/protos");

    public static string Dll(string project) => Path.Combine(RepoRoot, "testassets", project, "bin", BuildConfiguration, "net10.0", project + ".dll");

    public enum Side { Steward, Grpcio, GrpcDotnet }

    public static (string File, string Args) Server(Side side, int port) => side switch
    {
        Side.Steward => ("dotnet", $"\"{Dll("GrpcInterop.Server")}\" --port={port} --use_tls=false"),
        Side.Grpcio => (Python, $"\"{PythonScript}\" server --protos=\"{Protos}\" --port={port}"),
        _ => ("dotnet", $"\"{Dll("GrpcInterop.Anchor")}\" server --port={port}"),
    };

    public static (string File, string Args) Client(Side side, int port, string cases) => side switch
    {
        Side.Steward => ("dotnet", $"\"{Dll("GrpcInterop.Client")}\" --server_host=localhost --server_port={port} --test_case={cases} --use_tls=false"),
        Side.Grpcio => (Python, $"\"{PythonScript}\" client --protos=\"{Protos}\" --server_host=localhost --server_port={port} --test_case={cases}"),
        _ => ("dotnet", $"\"{Dll("GrpcInterop.Anchor")}\" client --server_host=localhost --server_port={port} --test_case={cases}"),
    };

    /// <summary>Why a side cannot run here, or null.</summary>
    public static string? Missing(Side side)
    {
        if (side != Side.Grpcio)
        {
            return null;
        }
        if (!File.Exists(Python) || !File.Exists("/usr/bin/protoc") || !File.Exists("/usr/bin/grpc_python_plugin"))
        {
            return "needs /usr/bin/python3, protoc and grpc_python_plugin (scripts/setup installs them)";
        }
        var probe = Process.Start(new ProcessStartInfo(Python, "-c \"import grpc, google.protobuf\"") { RedirectStandardError = true })!;
        probe.WaitForExit();
        return probe.ExitCode == 0 ? null : "Debian's python3-grpcio / python3-protobuf are not installed (scripts/setup installs them)";
    }

    /// <summary>The case lines for one client → server direction; the run happens once and is shared by that direction's tests.</summary>
    public static Task<Dictionary<string, string>> RunAsync(Side client, Side server) =>
        Runs.GetOrAdd($"{client}->{server}", _ => new Lazy<Task<Dictionary<string, string>>>(() => RunDirectionAsync(client, server))).Value;

    private static async Task<Dictionary<string, string>> RunDirectionAsync(Side clientSide, Side serverSide)
    {
        var port = FreePort();
        var (serverFile, serverArgs) = Server(serverSide, port);
        using var server = Start(serverFile, serverArgs, out var serverOutput);
        try
        {
            await WaitForPortAsync(port, server, serverOutput);
            var (clientFile, clientArgs) = Client(clientSide, port, string.Join(',', Cases));
            using var client = Start(clientFile, clientArgs, out var clientOutput);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            try
            {
                await client.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                client.Kill(entireProcessTree: true);
            }
            client.WaitForExit();
            var lines = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in clientOutput.ToString().Split('\n'))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && Cases.Contains(line[..colon]))
                {
                    lines[line[..colon]] = line.Trim();
                }
            }
            lines[""] = clientOutput.ToString();
            return lines;
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    internal static Process Start(string file, string args, out System.Text.StringBuilder output)
    {
        var sb = output = new System.Text.StringBuilder();
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (sb) { sb.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (sb) { sb.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitForPortAsync(int port, Process server, System.Text.StringBuilder output)
    {
        // Start-up is slow on a busy machine; poll rather than sleep a fixed time.
        for (var i = 0; i < 600; i++)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"server exited with {server.ExitCode}: {output}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("server did not listen within 60 s: " + output);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Metadata(string key) =>
        typeof(Peers).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value!;
}
