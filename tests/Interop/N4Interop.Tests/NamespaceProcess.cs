using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Steward.N4.Interop.Tests;

/// <summary>
/// A long-running process inside a network namespace (`ip netns exec`, which execs, so the PID is the program's own):
/// its output lines are kept so a test can wait for one, it can be signalled like a service, and disposing kills it.
/// </summary>
internal sealed class NamespaceProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _stderr = new();

    private NamespaceProcess(Process process, string description)
    {
        _process = process;
        Description = description;
    }

    public string Description { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="file"/> in <paramref name="netns"/>; stdin stays open until <see cref="CloseInput"/>.</summary>
    public static NamespaceProcess Start(string netns, string file, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var psi = PeerTool.StartInfo(netns, file, args);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var started = new NamespaceProcess(process, $"{file} {string.Join(' ', args)} (in {netns})");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (started._lines)
                {
                    started._lines.Add(e.Data);
                    Monitor.PulseAll(started._lines);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (started._stderr)
                {
                    started._stderr.Append(e.Data).Append('\n');
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Every line printed on stdout so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>The first stdout line at or after index <paramref name="from"/> that matches; fails the test with the output if none comes in time or the process ends.</summary>
    public string WaitForLine(Func<string, bool> match, TimeSpan timeout, int from = 0)
    {
        var deadline = DateTime.UtcNow + timeout;
        var next = from;
        while (true)
        {
            var exited = _process.HasExited;
            if (exited)
            {
                _process.WaitForExit(); // drains the output readers, so every line is in
            }
            lock (_lines)
            {
                for (; next < _lines.Count; next++)
                {
                    if (match(_lines[next]))
                    {
                        return _lines[next];
                    }
                }
                if (exited || DateTime.UtcNow > deadline)
                {
                    throw new Xunit.Sdk.XunitException(
                        $"{Description}: no matching line {(exited ? $"(exited {ExitCode})" : $"within {timeout.TotalSeconds} s")}\n" +
                        $"stdout:\n{string.Join('\n', _lines)}\nstderr:\n{StandardError}");
                }
                Monitor.Wait(_lines, TimeSpan.FromMilliseconds(100));
            }
        }
    }

    /// <summary>Closes stdin (a command that runs until EOF ends then).</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Sends a signal by name ("TERM", "INT") with kill(1).</summary>
    public void Signal(string name) =>
        PeerTool.RunChecked("kill", ["-s", name, _process.Id.ToString(CultureInfo.InvariantCulture)]);

    /// <summary>Waits for the process to end; false if it did not within <paramref name="timeout"/>.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }
        _process.WaitForExit(); // drains the output readers
        return true;
    }

    /// <summary>User + system CPU time the process has used so far (/proc/PID/stat), in seconds.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is the state (field 3); utime and stime are fields 14 and 15.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
            catch (InvalidOperationException)
            {
            }
        }
        _process.Dispose();
    }
}
