using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

[assembly: AssemblyFixture(typeof(CorbaInterop.Tests.ServerShutdown))]

namespace CorbaInterop.Tests;

/// <summary>A client run: its exit code, its report and everything the client, the server (and omniNames) printed.</summary>
internal sealed record ClientRun(int ExitCode, ClientReport Report, string Transcript);

/// <summary>
/// A server that printed "ready": its port, the IOR file it wrote, and the naming service it bound in (with the
/// omniNames process started for it alone, so that no two servers bind StewardTest.Operations in the same one).
/// </summary>
internal sealed record RunningServer(Process Process, StringBuilder Output, int Port, string IorFile, string? NameService, string CommandLine);

/// <summary>
/// Starts each server peer once per <see cref="Via"/> (on a free port, ready when it prints "ready") and shares it with
/// every client that targets it; runs each client → server pair once and shares the result with whoever asks.
/// </summary>
internal static class Runs
{
    private static readonly TimeSpan ClientLimit = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(2);
    private static readonly ConcurrentDictionary<string, Lazy<Task<RunningServer>>> Servers = new();
    private static readonly ConcurrentDictionary<string, Lazy<Task<ClientRun>>> Pairs = new();
    private static readonly ConcurrentBag<Process> Helpers = new();
    private static readonly Lazy<string> Scratch = new(() => Directory.CreateTempSubdirectory("corba-interop-").FullName);

    // The peers' work is mostly waiting; two clients at once overlap that without crowding a small machine.
    private static readonly SemaphoreSlim ClientSlots = new(2);

    public static Task<ClientRun> RunAsync(Peer client, Peer server, Via via, string? giop) =>
        Pairs.GetOrAdd($"{client.Name}->{server.Name}/{via}/{giop}",
            _ => new Lazy<Task<ClientRun>>(() => RunClientAsync(client, server, via, giop))).Value;

    /// <summary>Ends every server and omniNames this run started and removes their files (once all tests are done).</summary>
    public static void StopServers()
    {
        var processes = Servers.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully)
            .Select(l => l.Value.Result.Process).Concat(Helpers);
        foreach (var process in processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            process.Dispose();
        }
        if (Scratch.IsValueCreated)
        {
            Directory.Delete(Scratch.Value, recursive: true);
        }
    }

    /// <summary>Runs a program against <paramref name="serverPeer"/>'s shared server (found by IOR file); its arguments are made from the server.</summary>
    public static async Task<(int ExitCode, string Output)> RunProgramAsync(Peer serverPeer, string file, Func<RunningServer, string> arguments)
    {
        var server = await ServerAsync(serverPeer, Via.IorFile);
        var (exitCode, _, transcript) = await RunAgainstAsync(server, serverPeer, new Command(file, arguments(server)));
        return (exitCode, transcript);
    }

    /// <summary>The shared server of <paramref name="peer"/> that clients find by <paramref name="via"/>, started on first use.</summary>
    public static Task<RunningServer> ServerAsync(Peer peer, Via via) =>
        Servers.GetOrAdd($"{peer.Name}/{via}", key => new Lazy<Task<RunningServer>>(() => StartServerAsync(peer, via, key))).Value;

    private static async Task<ClientRun> RunClientAsync(Peer clientPeer, Peer serverPeer, Via via, string? giop)
    {
        var server = await ServerAsync(serverPeer, via);
        var target = new ClientTarget(server.IorFile, via == Via.NameService ? server.NameService : null, giop);
        var (exitCode, output, transcript) = await RunAgainstAsync(server, serverPeer, await clientPeer.Client(target));
        return new ClientRun(exitCode, ClientReport.Parse(output), transcript);
    }

    /// <summary>The program's exit code, its own output, and that output followed by the server's.</summary>
    private static async Task<(int ExitCode, string Output, string Transcript)> RunAgainstAsync(RunningServer server, Peer serverPeer, Command command)
    {
        await ClientSlots.WaitAsync();
        try
        {
            using var client = Start(command, out var output, ready: null);
            using var limit = new CancellationTokenSource(ClientLimit);
            try
            {
                await client.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                client.Kill(entireProcessTree: true);
                Append(output, $"(killed after {ClientLimit.TotalMinutes} minutes)");
            }
            await client.WaitForExitAsync(CancellationToken.None);
            var text = Snapshot(output);
            return (client.ExitCode, text,
                $"$ {command}\n{text}\n--- {serverPeer.Name} server (shared with its other clients): {server.CommandLine}\n{Snapshot(server.Output)}");
        }
        finally
        {
            ClientSlots.Release();
        }
    }

    private static async Task<RunningServer> StartServerAsync(Peer peer, Via via, string key)
    {
        var directory = Path.Combine(Scratch.Value, key.Replace('/', '-'));
        Directory.CreateDirectory(directory);
        var nameService = via == Via.NameService ? await StartNameServiceAsync(directory) : null;
        var port = FreePort();
        var iorFile = Path.Combine(directory, "server.ior");
        var command = await peer.Server(new ServerSetup(port, iorFile, nameService));
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Start(command, out var output, ready);
        try
        {
            var exited = process.WaitForExitAsync();
            using var limit = new CancellationTokenSource(StartLimit);
            var first = await Task.WhenAny(ready.Task, exited, Task.Delay(Timeout.Infinite, limit.Token));
            if (first != ready.Task)
            {
                throw new InvalidOperationException(process.HasExited
                    ? $"{peer.Name} server exited with {process.ExitCode} before printing \"ready\": {command}\n{Snapshot(output)}"
                    : $"{peer.Name} server printed no \"ready\" within {StartLimit.TotalMinutes} minutes: {command}\n{Snapshot(output)}");
            }
            if (!File.Exists(iorFile))
            {
                throw new InvalidOperationException($"{peer.Name} server printed \"ready\" but wrote no {iorFile}: {command}\n{Snapshot(output)}");
            }
        }
        catch
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            throw;
        }
        return new RunningServer(process, output, port, iorFile, nameService, command.ToString());
    }

    /// <summary>Starts omniNames on a free port with its own log directory; returns its corbaloc once it accepts connections.</summary>
    private static async Task<string> StartNameServiceAsync(string directory)
    {
        var port = FreePort();
        var logs = Path.Combine(directory, "omniNames");
        Directory.CreateDirectory(logs);
        var command = new Command("omniNames", $"-start {port} -logdir \"{logs}\" -ORBendPoint giop:tcp:127.0.0.1:{port}");
        var process = Start(command, out var output, ready: null);
        Helpers.Add(process);
        var deadline = DateTime.UtcNow + StartLimit;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"omniNames exited with {process.ExitCode}: {command}\n{Snapshot(output)}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return $"corbaloc:iiop:127.0.0.1:{port}/NameService";
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static Process Start(Command command, out StringBuilder output, TaskCompletionSource? ready)
    {
        var sb = output = new StringBuilder();
        var psi = new ProcessStartInfo(command.File, command.Arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Append(sb, e.Data);
                if (e.Data.Trim() == "ready")
                {
                    ready?.TrySetResult();
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Append(sb, e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder sb, string line)
    {
        lock (sb)
        {
            sb.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder sb)
    {
        lock (sb)
        {
            return sb.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Stops the shared servers and naming services when the run ends.</summary>
public sealed class ServerShutdown : IDisposable
{
    public void Dispose() => Runs.StopServers();
}
