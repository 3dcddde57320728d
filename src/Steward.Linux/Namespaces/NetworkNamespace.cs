using System.Runtime.ExceptionServices;
using Microsoft.Win32.SafeHandles;
using Steward.Linux.Interop;
using Steward.Linux.Rtnetlink;

namespace Steward.Linux.Namespaces;

/// <summary>
/// Network namespaces. setns(2) changes only the calling OS thread, and an `await` may resume on
/// another thread, so general work inside a namespace (<see cref="Run{T}(SafeFileHandle, Func{T})"/>)
/// runs synchronously on a dedicated thread that is thrown away afterwards. Short, synchronous
/// work that starts no threads (open a socket, write a sysctl) can instead switch the calling
/// thread in and back (<see cref="RunOnCurrentThread{T}"/>), as Go's netns.Do does: no thread to
/// create. For longer work, open an rtnetlink socket inside the namespace — the socket stays bound
/// to it and can be used from any thread.
/// </summary>
public static class NetworkNamespace
{
    /// <summary>Where `ip netns` keeps named namespaces.</summary>
    public const string RunDirectory = "/run/netns";

    /// <summary>A descriptor of the calling thread's network namespace.</summary>
    public static SafeFileHandle OpenCurrent() => Open("/proc/thread-self/ns/net");

    /// <summary>Opens a namespace file (/run/netns/NAME, /proc/PID/ns/net, ...).</summary>
    public static SafeFileHandle Open(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        }
        catch (FileNotFoundException e)
        {
            throw new FileNotFoundException($"network namespace '{path}' does not exist", path, e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new FileNotFoundException($"network namespace '{path}' does not exist", path, e);
        }
    }

    /// <summary>Runs <paramref name="action"/> inside the namespace at <paramref name="path"/> on a dedicated thread.</summary>
    public static T Run<T>(string path, Func<T> action)
    {
        using var ns = Open(path);
        return Run(ns, action);
    }

    /// <summary>Runs <paramref name="action"/> inside the namespace at <paramref name="path"/> on a dedicated thread.</summary>
    public static void Run(string path, Action action) => Run(path, () => { action(); return 0; });

    /// <summary>Runs <paramref name="action"/> inside the namespace <paramref name="netns"/> refers to, on a dedicated thread.</summary>
    public static void Run(SafeFileHandle netns, Action action) => Run(netns, () => { action(); return 0; });

    /// <summary>Runs <paramref name="action"/> inside the namespace <paramref name="netns"/> refers to, on a dedicated thread.</summary>
    public static T Run<T>(SafeFileHandle netns, Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(netns);
        ArgumentNullException.ThrowIfNull(action);
        return OnThread(() =>
        {
            if (Libc.setns(netns, Libc.CLONE_NEWNET) < 0)
            {
                throw Libc.LastError("setns(CLONE_NEWNET)");
            }

            return action();
        });
    }

    /// <summary>
    /// Runs <paramref name="action"/> with the calling thread switched into <paramref name="netns"/>,
    /// then switches it back. The action must be synchronous and must not start threads (they would
    /// be born in the namespace). A setns failure on the way in (not a namespace, no permission)
    /// throws an <see cref="IOException"/> before the action runs; failing to switch back would leave
    /// this thread in the wrong namespace for good, so that ends the process.
    /// </summary>
    public static T RunOnCurrentThread<T>(SafeFileHandle netns, Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(netns);
        ArgumentNullException.ThrowIfNull(action);
        using var home = OpenCurrent();
        if (Libc.setns(netns, Libc.CLONE_NEWNET) < 0)
        {
            throw Libc.LastError("setns(CLONE_NEWNET)");
        }

        try
        {
            return action();
        }
        finally
        {
            if (Libc.setns(home, Libc.CLONE_NEWNET) < 0)
            {
                Environment.FailFast($"cannot switch this thread back to its network namespace: {Libc.LastError("setns").Message}");
            }
        }
    }

    /// <summary>Opens rtnetlink inside the namespace at <paramref name="path"/>; usable from any thread afterwards.</summary>
    public static RtNetlink OpenRtNetlink(string path)
    {
        using var ns = Open(path);
        return OpenRtNetlink(ns);
    }

    /// <summary>Opens rtnetlink inside <paramref name="netns"/> (a socket() call with this thread switched in and back).</summary>
    public static RtNetlink OpenRtNetlink(SafeFileHandle netns) => RunOnCurrentThread(netns, RtNetlink.Open);

    /// <summary>
    /// Creates a new, empty network namespace and pins it with a bind mount at /run/netns/NAME
    /// (the same place and way as `ip netns add`, so `ip netns exec NAME` sees it).
    /// </summary>
    public static string Create(string name)
    {
        ValidateName(name);
        PrepareRunDirectory();
        var path = Path.Combine(RunDirectory, name);
        using (var f = new FileStream(path, FileMode.CreateNew, FileAccess.Write)) { }
        try
        {
            OnThread(() =>
            {
                if (Libc.unshare(Libc.CLONE_NEWNET) < 0)
                {
                    throw Libc.LastError("unshare(CLONE_NEWNET)");
                }

                if (Libc.mount("/proc/thread-self/ns/net", path, "none", (nuint)Libc.MS_BIND, 0) < 0)
                {
                    throw Libc.LastError($"mount --bind {path}");
                }

                return 0;
            });
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        return path;
    }

    /// <summary>Unmounts and removes /run/netns/NAME; a namespace that is not there is not an error.</summary>
    public static void Delete(string name)
    {
        ValidateName(name);
        var path = Path.Combine(RunDirectory, name);
        if (!File.Exists(path))
        {
            return;
        }

        if (Libc.umount2(path, Libc.MNT_DETACH) < 0)
        {
            var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno != Errno.EINVAL) // EINVAL: not a mount point (a half-created namespace)
            {
                throw Libc.Error($"umount {path}", errno);
            }
        }
        File.Delete(path);
    }

    /// <summary>Whether <paramref name="path"/> is a network namespace file (as opposed to an ordinary file).</summary>
    public static bool IsNetworkNamespace(string path)
    {
        try
        {
            using var h = Open(path);
            return Run(h, () => true);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name) || name is "." or ".." || name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a valid namespace name", nameof(name));
        }
    }

    private static void PrepareRunDirectory()
    {
        Directory.CreateDirectory(RunDirectory);
        // Like iproute2: make /run/netns a shared mount so namespaces mounted later are seen by
        // every mount namespace; bind it onto itself first if it is not a mount point yet.
        if (Libc.mount("", RunDirectory, "none", (nuint)(Libc.MS_SHARED | Libc.MS_REC), 0) == 0)
        {
            return;
        }

        if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() != Errno.EINVAL)
        {
            return;
        }

        if (Libc.mount(RunDirectory, RunDirectory, "none", (nuint)(Libc.MS_BIND | Libc.MS_REC), 0) == 0)
        {
            Libc.mount("", RunDirectory, "none", (nuint)(Libc.MS_SHARED | Libc.MS_REC), 0);
        }
    }

    private static T OnThread<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
#pragma warning disable CA1031 // rethrown on the caller's thread
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, maxStackSize: 256 * 1024)
        {
            IsBackground = true,
            Name = "steward-netns",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
