using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

[assembly: AssemblyFixture(typeof(IceInterop.Tests.ServerShutdown))]

namespace IceInterop.Tests;

/// <summary>A client run: its exit code, its report and everything both sides printed.</summary>
internal sealed record ClientRun(int ExitCode, ClientReport Report, string Transcript);

/// <summary>
/// Starts each server peer once (on a free port, ready when it prints "ready") and shares it with every client that
/// targets it; runs each client → server pair once and shares the result with whoever asks.
/// </summary>
internal static class Runs
{
    private static readonly TimeSpan ClientLimit = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(2);
    private static readonly ConcurrentDictionary<string, Lazy<Task<RunningServer>>> Servers = new();
    private static readonly ConcurrentDictionary<string, Lazy<Task<ClientRun>>> Pairs = new();

    // The peers' work is mostly waiting; two clients at once overlap that without crowding a small machine.
    private static readonly SemaphoreSlim ClientSlots = new(2);

    private sealed record RunningServer(Process Process, StringBuilder Output, int Port, string CommandLine);

    public static Task<ClientRun> RunAsync(Peer client, Peer server) =>
        Pairs.GetOrAdd($"{client.Name}->{server.Name}", _ => new Lazy<Task<ClientRun>>(() => RunClientAsync(client, server))).Value;

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
                    server.Process.WaitForExit();
                }
                server.Process.Dispose();
            }
        }
    }

    /// <summary>Runs a program against <paramref name="serverPeer"/>'s shared server; its arguments are made from the port.</summary>
    public static async Task<(int ExitCode, string Output)> RunProgramAsync(Peer serverPeer, string file, Func<int, string> arguments)
    {
        var server = await ServerAsync(serverPeer);
        var (exitCode, _, transcript) = await RunAgainstAsync(server, serverPeer, new Command(file, arguments(server.Port)));
        return (exitCode, transcript);
    }

    private static async Task<ClientRun> RunClientAsync(Peer clientPeer, Peer serverPeer)
    {
        var server = await ServerAsync(serverPeer);
        var (exitCode, output, transcript) = await RunAgainstAsync(server, serverPeer, await clientPeer.Client("127.0.0.1", server.Port));
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

    private static Task<RunningServer> ServerAsync(Peer peer) =>
        Servers.GetOrAdd(peer.Name, _ => new Lazy<Task<RunningServer>>(async () =>
        {
            var port = FreePort();
            var command = await peer.Server(port);
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
            }
            catch
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
                throw;
            }
            return new RunningServer(process, output, port, command.ToString());
        })).Value;

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
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
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

/// <summary>Stops the shared servers when the run ends.</summary>
public sealed class ServerShutdown : IDisposable
{
    public void Dispose() => Runs.StopServers();
}
