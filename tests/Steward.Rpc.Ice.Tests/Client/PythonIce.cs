using System.Diagnostics;

namespace Steward.Rpc.Ice.Tests.Client;

/// <summary>ZeroC's Python Ice (3.7, /usr/bin/python3) as the reference peer: scripts load <see cref="Server.CalcService.Slice"/> with Ice.loadSlice.</summary>
public sealed class PythonIce : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly Process _process;
    private readonly string _directory;

    private PythonIce(Process process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    public int Port { get; private set; }

    public static bool Available => File.Exists(Python);

    private static (ProcessStartInfo Start, string Directory) Prepare(string script, params string[] args)
    {
        var directory = Directory.CreateTempSubdirectory("steward-ice-py-").FullName;
        File.WriteAllText(Path.Combine(directory, "Calc.ice"), Server.CalcService.Slice);
        File.WriteAllText(Path.Combine(directory, "peer.py"), script);
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = directory,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "peer.py"));
        start.ArgumentList.Add(Path.Combine(directory, "Calc.ice"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        return (start, directory);
    }

    /// <summary>Runs a client script to its end; returns its stdout lines (stderr is in the failure message).</summary>
    public static async Task<string[]> RunClientAsync(string script, params string[] args)
    {
        var (start, directory) = Prepare(script, args);
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                throw;
            }
            var output = await stdout;
            Assert.True(process.ExitCode == 0, $"python exited {process.ExitCode}:\n{output}\n{await stderr}");
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Starts a server script that prints <c>ready PORT</c> once its adapter is active.</summary>
    public static async Task<PythonIce> StartServerAsync(string script)
    {
        var (start, directory) = Prepare(script);
        var process = Process.Start(start)!;
        var peer = new PythonIce(process, directory);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("ready ", StringComparison.Ordinal))
        {
            var error = await process.StandardError.ReadToEndAsync(timeout.Token);
            await peer.DisposeAsync();
            Assert.Fail($"python server did not start: {line}\n{error}");
        }
        peer.Port = int.Parse(line!["ready ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        return peer;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Closing stdin asks the script to shut its communicator down.
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
