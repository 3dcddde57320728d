using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ThriftInterop.Tests;

/// <summary>The cross-test peers as processes: each takes Apache Thrift's cross-test flags.</summary>
internal static class Peers
{
    /// <summary>StewardLinux is Steward's server on its epoll transport (Steward.Hosting.Linux), handlers on the I/O thread.</summary>
    public enum Side { Steward, Python, Anchor, StewardLinux }

    public static readonly string[] Protocols = ["binary", "compact", "json", "multi"];
    public static readonly string[] Transports = ["buffered", "framed"];

    private static readonly string RepoRoot = Metadata("RepoRoot");
    private static readonly string BuildConfiguration = Metadata("BuildConfiguration");
    private static readonly Lazy<string> Keys = new(WriteKeys);

    public static string Python => "/usr/bin/python3";
    public static string Root => RepoRoot;

    public static string Dll(string project) => Path.Combine(RepoRoot, "testassets", project, "bin", BuildConfiguration, "net10.0", project + ".dll");

    /// <summary>How a combination is reached: TCP (optionally TLS) or a Unix domain socket.</summary>
    public sealed record Endpoint(int Port, bool Ssl, string? DomainSocket)
    {
        public string Flags =>
            DomainSocket is not null ? $"--domain-socket=\"{DomainSocket}\"" :
            Ssl ? $"--port={Port} --ssl --keys=\"{Keys.Value}\"" : $"--port={Port}";
    }

    public static (string File, string Args) Server(Side side, Endpoint at, string protocol, string transport)
    {
        var common = $"{at.Flags} --protocol={protocol} --transport={transport}";
        return side switch
        {
            Side.Steward => ("dotnet", $"\"{Dll("ThriftTest.Server")}\" {common}"),
            Side.StewardLinux => ("dotnet", $"\"{Dll("ThriftTest.Server")}\" {common} --linux-transport"),
            Side.Python => (Python, $"\"{Path.Combine(RepoRoot, "testassets/thrift/python/server.py")}\" {common}"),
            _ => ("dotnet", $"\"{Dll("ThriftTest.Anchor")}\" server {common}"),
        };
    }

    public static (string File, string Args) Client(Side side, Endpoint at, string protocol, string transport, bool peerHasUuid)
    {
        var common = $"{(at.DomainSocket is null ? "--host=localhost " : "")}{at.Flags} --protocol={protocol} --transport={transport}";
        return side switch
        {
            Side.Steward => ("dotnet", $"\"{Dll("ThriftTest.Client")}\" {common}{(peerHasUuid ? "" : " --no-uuid")}"),
            Side.Python => (Python, $"\"{Path.Combine(RepoRoot, "testassets/thrift/python/client.py")}\" {common}"),
            _ => ("dotnet", $"\"{Dll("ThriftTest.Anchor")}\" client {common}"),
        };
    }

    /// <summary>Why a side cannot run here, or null.</summary>
    public static string? Missing(Side side)
    {
        if (side is Side.Steward or Side.StewardLinux)
        {
            return null;
        }
        if (FindOnPath("thrift") is null)
        {
            // Both peers' code comes from it (the anchor's at build time, which the test project then leaves out).
            return "needs the thrift compiler (Debian's thrift-compiler; scripts/setup installs it)";
        }
        if (side == Side.Anchor)
        {
            return null;
        }
        if (!File.Exists(Python))
        {
            return "needs /usr/bin/python3 with Debian's python3-thrift (scripts/setup installs it)";
        }
        using var probe = Process.Start(new ProcessStartInfo(Python, "-c \"import thrift.protocol.TCompactProtocol\"") { RedirectStandardError = true })!;
        probe.WaitForExit();
        return probe.ExitCode == 0 ? null : "Debian's python3-thrift is not installed (scripts/setup installs it)";
    }

    /// <summary>A running server and what it has printed so far.</summary>
    public sealed record RunningServer(Endpoint At, Process Process, StringBuilder Output, string CommandLine);

    private static readonly ConcurrentDictionary<string, Lazy<Task<RunningServer>>> Servers = new();
    private static readonly ConcurrentDictionary<string, Lazy<Task<(int, string)>>> Runs = new();

    // Each run is mostly waiting (process start, sockets, the oneway sleep), so a few at once shorten the matrix;
    // more would only queue on a small machine's cores.
    private static readonly SemaphoreSlim ClientSlots = new(Math.Max(4, Environment.ProcessorCount * 2));

    /// <summary>
    /// The client's exit code and output (with the server's output after it) for one combination. Each server
    /// (side, protocol, transport, endpoint kind) is started once and shared by every client that targets it; each
    /// combination runs once and is shared by whoever asks.
    /// </summary>
    public static Task<(int ExitCode, string Output)> RunAsync(Side clientSide, Side serverSide, string protocol, string transport,
        bool ssl = false, bool domainSocket = false) =>
        Runs.GetOrAdd($"{clientSide}->{serverSide}/{protocol}/{transport}/{ssl}/{domainSocket}",
            _ => new Lazy<Task<(int, string)>>(() => RunClientAsync(clientSide, serverSide, protocol, transport, ssl, domainSocket))).Value;

    /// <summary>Starts every combination of one direction in the background, so they overlap instead of queueing.</summary>
    public static void Prefetch(Side clientSide, Side serverSide)
    {
        foreach (var protocol in Protocols)
        {
            foreach (var transport in Transports)
            {
                _ = RunAsync(clientSide, serverSide, protocol, transport);
            }
        }
    }

    private static async Task<(int, string)> RunClientAsync(Side clientSide, Side serverSide, string protocol, string transport, bool ssl, bool domainSocket)
    {
        var server = await ServerAsync(serverSide, protocol, transport, ssl, domainSocket);
        var (clientFile, clientArgs) = Client(clientSide, server.At, protocol, transport, peerHasUuid: serverSide is Side.Steward or Side.StewardLinux);
        await ClientSlots.WaitAsync();
        try
        {
            using var client = Start(clientFile, clientArgs, out var clientOutput);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await client.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                client.Kill(entireProcessTree: true);
                lock (clientOutput)
                {
                    clientOutput.AppendLine("(client killed after 2 minutes)");
                }
            }
            await client.WaitForExitAsync(CancellationToken.None);
            return (client.ExitCode, $"$ {clientFile} {clientArgs}\n{Snapshot(clientOutput)}\n--- server (shared with the other clients of this combination): {server.CommandLine}\n{Snapshot(server.Output)}");
        }
        finally
        {
            ClientSlots.Release();
        }
    }

    private static Task<RunningServer> ServerAsync(Side side, string protocol, string transport, bool ssl, bool domainSocket) =>
        Servers.GetOrAdd($"{side}/{protocol}/{transport}/{ssl}/{domainSocket}", _ => new Lazy<Task<RunningServer>>(async () =>
        {
            var at = new Endpoint(domainSocket ? 0 : FreePort(), ssl,
                domainSocket ? Path.Combine(Path.GetTempPath(), $"thrift-{Guid.NewGuid():N}"[..20] + ".sock") : null);
            var (file, args) = Server(side, at, protocol, transport);
            var process = Start(file, args, out var output);
            try
            {
                await WaitForListenerAsync(at, process, output);
            }
            catch
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
                throw;
            }
            return new RunningServer(at, process, output, $"{file} {args}");
        })).Value;

    /// <summary>Ends every server this run started (the assembly fixture calls it once all tests are done).</summary>
    public static void StopServers()
    {
        foreach (var lazy in Servers.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                var server = lazy.Value.Result;
                if (!server.Process.HasExited)
                {
                    server.Process.Kill(entireProcessTree: true);
                }
                server.Process.Dispose();
                if (server.At.DomainSocket is not null)
                {
                    File.Delete(server.At.DomainSocket);
                }
            }
        }
    }

    private static Process Start(string file, string args, out StringBuilder output)
    {
        var sb = output = new StringBuilder();
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (sb) { sb.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (sb) { sb.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string Snapshot(StringBuilder sb)
    {
        lock (sb)
        {
            return sb.ToString();
        }
    }

    private static async Task WaitForListenerAsync(Endpoint at, Process server, StringBuilder output)
    {
        // Start-up is slow on a busy machine; poll rather than sleep a fixed time.
        for (var i = 0; i < 600; i++)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"server exited with {server.ExitCode}: {Snapshot(output)}");
            }
            try
            {
                if (at.DomainSocket is not null)
                {
                    using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(at.DomainSocket));
                }
                else
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, at.Port);
                }
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("server did not listen within 60 s: " + Snapshot(output));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A throwaway self-signed certificate for localhost as server.crt / server.key (PEM), once per run.</summary>
    private static string WriteKeys()
    {
        var dir = Directory.CreateTempSubdirectory("thrift-keys-").FullName;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllText(Path.Combine(dir, "server.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "server.key"), key.ExportPkcs8PrivateKeyPem());
        return dir;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static string Metadata(string key) =>
        typeof(Peers).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value!;
}
