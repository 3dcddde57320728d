using System.Runtime.InteropServices;
using System.Text;
using Steward.Linux;

namespace Steward.Cni.Invoke;

/// <summary>
/// Runs one child to completion with posix_spawn and three pipes, all on the calling thread: the
/// config goes to its stdin while stdout and stderr are drained, multiplexed with poll(2), then
/// waitpid. This is what a Go plugin's exec amounts to. System.Diagnostics.Process does the same
/// job with a signal-handling thread, SIGCHLD bookkeeping and thread-pool readers, which a plugin
/// that lives for milliseconds pays for on every IPAM call. Linux only.
/// </summary>
public static unsafe partial class ChildProcess
{
    private const int O_CLOEXEC = 0x80000;
    private const int O_NONBLOCK = 0x800;
    private const int F_GETFL = 3;
    private const int F_SETFL = 4;
    private const short POLLIN = 0x1;
    private const short POLLOUT = 0x4;
    private const short POLLERR = 0x8;
    private const short POLLHUP = 0x10;
    private const short POLLNVAL = 0x20;
    private const short POSIX_SPAWN_SETSIGDEF = 0x04;
    private const short POSIX_SPAWN_SETSIGMASK = 0x08;
    private const int SIGKILL = 9;
    /// <summary>glibc's sizes: posix_spawnattr_t 336 bytes, posix_spawn_file_actions_t 80, sigset_t 128; rounded up.</summary>
    private const int AttrSize = 512;
    private const int ActionsSize = 256;
    private const int SigsetSize = 128;

    /// <summary>How a child ended and what it wrote.</summary>
    /// <param name="ExitCode">The exit status, or 128 plus the signal number when a signal ended it.</param>
    /// <param name="Stdout">Everything written on stdout, up to the limit.</param>
    /// <param name="Stderr">Everything written on stderr, up to the limit.</param>
    /// <param name="Overflow">True when a stream went past the limit; the rest was read and dropped.</param>
    public readonly record struct Outcome(int ExitCode, byte[] Stdout, byte[] Stderr, bool Overflow);

    /// <summary>
    /// Spawns <paramref name="path"/> with exactly <paramref name="env"/>, feeds it <paramref name="stdin"/>
    /// and collects its output (each stream bounded by <paramref name="maxOutput"/>; the rest is drained
    /// and dropped so the child can finish, and <see cref="Outcome.Overflow"/> says so). A failed exec
    /// throws <see cref="SpawnException"/>.
    /// </summary>
    public static Outcome Run(string path, IReadOnlyDictionary<string, string> env, ReadOnlySpan<byte> stdin, int maxOutput,
        CancellationToken cancellationToken) => Run(path, [], env, stdin, maxOutput, cancellationToken);

    /// <summary>As above, with <paramref name="args"/> after argv[0] (which is <paramref name="path"/>).</summary>
    public static Outcome Run(string path, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env, ReadOnlySpan<byte> stdin,
        int maxOutput, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(env);
        Span<int> inPipe = stackalloc int[2];
        Span<int> outPipe = stackalloc int[2];
        Span<int> errPipe = stackalloc int[2];
        inPipe[0] = inPipe[1] = outPipe[0] = outPipe[1] = errPipe[0] = errPipe[1] = -1;
        var pid = 0;
        try
        {
            MakePipe(inPipe);
            MakePipe(outPipe);
            MakePipe(errPipe);
            pid = Spawn(path, args, env, inPipe[0], outPipe[1], errPipe[1]);
            CloseFd(ref inPipe[0]);
            CloseFd(ref outPipe[1]);
            CloseFd(ref errPipe[1]);
            // Only our end of stdin is non-blocking, so a config larger than the pipe never stalls the drain.
            _ = Fcntl(inPipe[1], F_SETFL, Fcntl(inPipe[1], F_GETFL, 0) | O_NONBLOCK);
            var stdout = new Collector(maxOutput);
            var stderr = new Collector(maxOutput);
            Pump(pid, ref inPipe[1], ref outPipe[0], ref errPipe[0], stdin, stdout, stderr, cancellationToken);
            var status = Wait(pid);
            pid = 0;
            return new Outcome(status, stdout.ToArray(), stderr.ToArray(), stdout.Overflow || stderr.Overflow);
        }
        finally
        {
            CloseFd(ref inPipe[0]);
            CloseFd(ref inPipe[1]);
            CloseFd(ref outPipe[0]);
            CloseFd(ref outPipe[1]);
            CloseFd(ref errPipe[0]);
            CloseFd(ref errPipe[1]);
            if (pid > 0)
            {
                // Only reached on an exception (cancellation): never leave a zombie or a running child behind.
                _ = Kill(pid, SIGKILL);
                Wait(pid);
            }
        }
    }

    private static void Pump(int pid, ref int stdinFd, ref int stdoutFd, ref int stderrFd, ReadOnlySpan<byte> stdin,
        Collector stdout, Collector stderr, CancellationToken cancellationToken)
    {
        var fds = stackalloc PollFd[3];
        var buffer = new byte[4096]; // a plugin's answer is a few hundred bytes; bigger ones take more reads
        var written = 0;
        if (stdin.IsEmpty)
        {
            CloseFd(ref stdinFd);
        }

        var timeout = cancellationToken.CanBeCanceled ? 100 : -1;
        while (stdinFd >= 0 || stdoutFd >= 0 || stderrFd >= 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            fds[0] = new PollFd { Fd = stdinFd, Events = POLLOUT };
            fds[1] = new PollFd { Fd = stdoutFd, Events = POLLIN };
            fds[2] = new PollFd { Fd = stderrFd, Events = POLLIN };
            var ready = Poll(fds, 3, timeout); // a negative fd is ignored by poll
            if (ready < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EINTR)
                {
                    continue;
                }

                throw new IOException($"poll on the pipes of child {pid} failed: errno {errno}");
            }
            if (fds[0].Revents != 0)
            {
                if ((fds[0].Revents & (POLLERR | POLLHUP | POLLNVAL)) != 0)
                {
                    CloseFd(ref stdinFd); // the child closed its stdin or exited: its exit status tells the story
                }
                else
                {
                    fixed (byte* p = stdin)
                    {
                        var n = Write(stdinFd, p + written, (nuint)(stdin.Length - written));
                        if (n >= 0)
                        {
                            written += (int)n;
                        }
                        else if (Marshal.GetLastPInvokeError() is var errno && errno != Errno.EINTR && errno != Errno.EAGAIN)
                        {
                            CloseFd(ref stdinFd); // EPIPE (SIGPIPE is ignored by the runtime) and the like
                        }
                    }
                    if (written == stdin.Length)
                    {
                        CloseFd(ref stdinFd);
                    }
                }
            }
            Drain(ref stdoutFd, fds[1].Revents, buffer, stdout);
            Drain(ref stderrFd, fds[2].Revents, buffer, stderr);
        }
    }

    private static void Drain(ref int fd, short revents, byte[] buffer, Collector sink)
    {
        if (revents == 0)
        {
            return;
        }

        fixed (byte* p = buffer)
        {
            var n = Read(fd, p, (nuint)buffer.Length);
            if (n > 0)
            {
                sink.Add(buffer.AsSpan(0, (int)n));
            }
            else if (n == 0 || Marshal.GetLastPInvokeError() is var errno && errno != Errno.EINTR && errno != Errno.EAGAIN)
            {
                CloseFd(ref fd);
            }
        }
    }

    private static int Spawn(string path, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env, int stdinFd, int stdoutFd, int stderrFd)
    {
        var actions = stackalloc byte[ActionsSize];
        var attr = stackalloc byte[AttrSize];
        var sigs = stackalloc byte[SigsetSize];
        Check(posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        var strings = new List<nint>(env.Count + 1);
        try
        {
            Check(posix_spawnattr_init(attr), "posix_spawnattr_init");
            try
            {
                Check(posix_spawn_file_actions_adddup2(actions, stdinFd, 0), "posix_spawn_file_actions_adddup2");
                Check(posix_spawn_file_actions_adddup2(actions, stdoutFd, 1), "posix_spawn_file_actions_adddup2");
                Check(posix_spawn_file_actions_adddup2(actions, stderrFd, 2), "posix_spawn_file_actions_adddup2");
                // The runtime ignores SIGPIPE and may block signals on this thread; the child starts clean
                // (but for glibc's two internal signals, which its posix_spawn leaves ignored and glibc
                // re-arms at every program start).
                _ = sigfillset(sigs);
                Check(posix_spawnattr_setsigdefault(attr, sigs), "posix_spawnattr_setsigdefault");
                _ = sigemptyset(sigs);
                Check(posix_spawnattr_setsigmask(attr, sigs), "posix_spawnattr_setsigmask");
                Check(posix_spawnattr_setflags(attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK), "posix_spawnattr_setflags");

                var pathZ = Utf8Z(path, strings);
                var argv = new nint[args.Count + 2];
                argv[0] = pathZ;
                for (var a = 0; a < args.Count; a++)
                {
                    argv[a + 1] = Utf8Z(args[a], strings);
                }

                var envp = new nint[env.Count + 1];
                var i = 0;
                foreach (var (k, v) in env)
                {
                    envp[i++] = Utf8Z(k + "=" + v, strings);
                }

                fixed (nint* e = envp)
                fixed (nint* v = argv)
                {
                    int pid;
                    var rc = posix_spawn(&pid, pathZ, actions, attr, v, e);
                    if (rc != 0)
                    {
                        throw new SpawnException(path, rc);
                    }

                    return pid;
                }
            }
            finally
            {
                _ = posix_spawnattr_destroy(attr);
            }
        }
        finally
        {
            _ = posix_spawn_file_actions_destroy(actions);
            foreach (var s in strings)
            {
                NativeMemory.Free((void*)s);
            }
        }
    }

    private static nint Utf8Z(string s, List<nint> owned)
    {
        var length = Encoding.UTF8.GetByteCount(s);
        var p = (byte*)NativeMemory.Alloc((nuint)length + 1);
        owned.Add((nint)p);
        Encoding.UTF8.GetBytes(s, new Span<byte>(p, length));
        p[length] = 0;
        return (nint)p;
    }

    /// <summary>waitpid until the child is reaped; the exit code, or 128 + signal for a killed child (as the shell reports it).</summary>
    private static int Wait(int pid)
    {
        int status;
        while (WaitPid(pid, &status, 0) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
            {
                throw new IOException($"waitpid({pid}) failed: errno {errno}");
            }
        }
        var signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }

    private static void MakePipe(Span<int> fds)
    {
        fixed (int* p = fds)
        {
            if (Pipe2(p, O_CLOEXEC) < 0)
            {
                throw new IOException($"pipe2 failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
    }

    private static void CloseFd(ref int fd)
    {
        if (fd >= 0)
        {
            _ = Close(fd);
            fd = -1;
        }
    }

    private static void Check(int rc, string what)
    {
        if (rc != 0)
        {
            throw new IOException($"{what} failed: errno {rc}");
        }
    }

    /// <summary>Keeps at most <c>max</c> bytes; reports whether more came.</summary>
    private sealed class Collector(int max)
    {
        private byte[] _data = [];
        private int _length;

        public bool Overflow { get; private set; }

        public void Add(ReadOnlySpan<byte> chunk)
        {
            if (Overflow || _length + chunk.Length > max)
            {
                Overflow = true;
                return;
            }
            if (_length + chunk.Length > _data.Length)
            {
                Array.Resize(ref _data, Math.Min(max, Math.Max(_data.Length * 2, _length + chunk.Length)));
            }

            chunk.CopyTo(_data.AsSpan(_length));
            _length += chunk.Length;
        }

        public byte[] ToArray() => _data.AsSpan(0, _length).ToArray();
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static partial int Pipe2(int* fds, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int cmd, int arg);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(PollFd* fds, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static partial int WaitPid(int pid, int* status, int options);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc")]
    private static partial int posix_spawn(int* pid, nint path, void* fileActions, void* attr, nint* argv, nint* envp);

    [LibraryImport("libc")]
    private static partial int posix_spawn_file_actions_init(void* actions);

    [LibraryImport("libc")]
    private static partial int posix_spawn_file_actions_destroy(void* actions);

    [LibraryImport("libc")]
    private static partial int posix_spawn_file_actions_adddup2(void* actions, int fd, int newFd);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_init(void* attr);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_destroy(void* attr);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_setflags(void* attr, short flags);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_setsigdefault(void* attr, void* sigset);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_setsigmask(void* attr, void* sigset);

    [LibraryImport("libc")]
    private static partial int sigfillset(void* sigset);

    [LibraryImport("libc")]
    private static partial int sigemptyset(void* sigset);
}

/// <summary>posix_spawn refused: the exec failed (ENOENT, EACCES, ETXTBSY, ...).</summary>
public sealed class SpawnException(string path, int errno) : IOException($"cannot exec {path}: errno {errno}")
{
    /// <summary>The errno posix_spawn returned.</summary>
    public int Errno { get; } = errno;
}
