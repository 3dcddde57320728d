using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Steward.Linux.Netlink;

namespace Steward.Linux.Interop;

/// <summary>The few libc entry points .NET does not expose (netlink sockets, namespaces, mounts, ioctl).</summary>
internal static unsafe partial class Libc
{
    private const string Lib = "libc";

    internal const int AF_NETLINK = 16;
    internal const int SOCK_RAW = 3;
    internal const int SOCK_CLOEXEC = 0x80000;
    internal const int SOL_SOCKET = 1;
    internal const int SO_SNDBUF = 7;
    internal const int SO_RCVBUF = 8;
    internal const int SO_RCVTIMEO = 20;
    internal const int SOL_NETLINK = 270;
    internal const int NETLINK_CAP_ACK = 10;
    internal const int NETLINK_EXT_ACK = 11;
    internal const int NETLINK_GET_STRICT_CHK = 12;
    internal const int MSG_PEEK = 0x2;
    internal const int MSG_TRUNC = 0x20;
    internal const int CLONE_NEWNET = 0x40000000;
    internal const ulong MS_BIND = 4096;
    internal const ulong MS_REC = 16384;
    internal const ulong MS_SHARED = 1 << 20;
    internal const int MNT_DETACH = 2;

    // struct sockaddr_nl: nl_family (u16), nl_pad (u16), nl_pid (u32), nl_groups (u32).
    internal const int SockaddrNlSize = 12;
    internal const int SockaddrNlPidOffset = 4;

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int socket(int domain, int type, int protocol);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int bind(SafeNetlinkHandle fd, byte* addr, int addrlen);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int getsockname(SafeNetlinkHandle fd, byte* addr, int* addrlen);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int setsockopt(SafeNetlinkHandle fd, int level, int name, void* value, int len);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint sendto(SafeNetlinkHandle fd, byte* buf, nuint len, int flags, byte* addr, int addrlen);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint recvfrom(SafeNetlinkHandle fd, byte* buf, nuint len, int flags, byte* addr, int* addrlen);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int setns(SafeFileHandle fd, int nstype);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int unshare(int flags);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mount(string? source, string target, string? fstype, nuint flags, nint data);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int umount2(string target, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int ioctl(SafeFileHandle fd, nuint request, void* arg);

    /// <summary>Raises an IOException naming the failed call and errno, like strerror.</summary>
    internal static IOException Error(string what, int errno) =>
        new($"{what} failed: {Marshal.GetPInvokeErrorMessage(errno)} ({Errno.Name(errno)}, errno {errno})") { HResult = errno };

    internal static IOException LastError(string what) => Error(what, Marshal.GetLastPInvokeError());
}
