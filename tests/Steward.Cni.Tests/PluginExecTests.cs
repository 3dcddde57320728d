using System.Text;
using Steward.Cni.Invoke;

namespace Steward.Cni.Tests;

/// <summary>The exec itself (posix_spawn, pipes, poll, waitpid on Linux): sizes beyond a pipe's buffer,
/// bounds, signals, exec failures and cancellation. The children are shell scripts.</summary>
public sealed class PluginExecTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("steward-cni-exec-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Script(string name, string body)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static Dictionary<string, string> Env(params (string Key, string Value)[] vars)
    {
        var env = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" };
        foreach (var (k, v) in vars)
        {
            env[k] = v;
        }

        return env;
    }

    [Fact]
    public void Stdin_and_stdout_far_larger_than_a_pipe_buffer_pass_whole_without_deadlock()
    {
        // cat writes while we still write: both directions must be pumped at once.
        var echo = Script("echo", "cat; echo done >&2");
        var input = new byte[1 << 20];
        new Random(7).NextBytes(input);
        var stderr = new StringWriter();
        var output = PluginExec.Run(echo, Env(), input, stderr, TestContext.Current.CancellationToken);
        Assert.Equal(input, output);
        Assert.Equal("done\n", stderr.ToString());
    }

    [Fact]
    public void The_child_gets_exactly_the_given_environment_and_default_signal_dispositions()
    {
        // The runtime ignores SIGPIPE; a child that inherited that would see EPIPE writes instead of dying.
        var show = Script("show", "env | sort; grep -E '^SigIgn' /proc/self/status");
        var output = Encoding.UTF8.GetString(PluginExec.Run(show, Env(("CNI_COMMAND", "ADD"), ("X", "a=b c")), ""u8,
            null, TestContext.Current.CancellationToken));
        Assert.Contains("CNI_COMMAND=ADD\n", output, StringComparison.Ordinal);
        Assert.Contains("X=a=b c\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("HOME=", output, StringComparison.Ordinal);
        var ignored = ulong.Parse(output.Split('\n').Single(l => l.StartsWith("SigIgn:", StringComparison.Ordinal))["SigIgn:".Length..].Trim(),
            System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        // Signals 32 and 33 are glibc's own (thread cancellation, setxid); its posix_spawn leaves them ignored
        // and glibc installs its handlers for them at every program start. Everything else must be default.
        Assert.Equal(0UL, ignored & ~((1UL << 31) | (1UL << 32)));
    }

    [Fact]
    public void A_child_that_exits_without_reading_its_stdin_is_judged_by_its_exit_status()
    {
        var quick = Script("quick", "echo '{\"code\":7,\"msg\":\"bad config\"}'; exit 1");
        var e = Assert.Throws<CniException>(() => PluginExec.Run(quick, Env(), new byte[1 << 20], null, TestContext.Current.CancellationToken));
        Assert.Equal((7u, "bad config"), (e.Code, e.Msg));
    }

    [Fact]
    public void Output_beyond_the_bound_is_a_decoding_failure_after_the_child_is_drained()
    {
        var flood = Script("flood", $"head -c {PluginExec.MaxOutputBytes + 65536} /dev/zero");
        var e = Assert.Throws<CniException>(() => PluginExec.Run(flood, Env(), ""u8, null, TestContext.Current.CancellationToken));
        Assert.Equal(CniErrorCode.DecodingFailure, e.Code);
    }

    [Fact]
    public void A_child_killed_by_a_signal_reports_128_plus_the_signal()
    {
        var victim = Script("victim", "kill -TERM $$");
        var e = Assert.Throws<CniException>(() => PluginExec.Run(victim, Env(), ""u8, null, TestContext.Current.CancellationToken));
        Assert.Contains("exit status 143", e.Msg, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_cannot_be_executed_is_an_io_failure()
    {
        var path = Path.Combine(_dir, "not-executable");
        File.WriteAllText(path, "#!/bin/sh\n");
        var e = Assert.Throws<CniException>(() => PluginExec.Run(path, Env(), ""u8, null, TestContext.Current.CancellationToken));
        Assert.Equal(CniErrorCode.IoFailure, e.Code);
        Assert.Contains("errno 13", e.Details ?? "", StringComparison.Ordinal); // EACCES
    }

    [Fact]
    public void Cancellation_kills_a_hanging_child_and_reaps_it()
    {
        var pidFile = Path.Combine(_dir, "pid");
        var hang = Script("hang", $"echo $$ > {pidFile}; exec sleep 60");
        using var cts = new CancellationTokenSource();
        var run = Task.Run(() => PluginExec.Run(hang, Env(), ""u8, null, cts.Token), TestContext.Current.CancellationToken);
        SpinWait.SpinUntil(() => File.Exists(pidFile) && File.ReadAllText(pidFile).EndsWith('\n'), TimeSpan.FromSeconds(30));
        var pid = int.Parse(File.ReadAllText(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => run.GetAwaiter().GetResult());
        // Killed and reaped: no process, not even a zombie, is left with that pid.
        Assert.False(Directory.Exists($"/proc/{pid}"), $"child {pid} is still there");
    }
}
