using System.Runtime.InteropServices;

namespace Steward.Linux.Interop;

// Batched datagram and descriptor I/O: recvmmsg/sendmmsg, poll, read/write and fcntl. The structs
// follow the LP64 layout (x86_64 and arm64 agree), which is all .NET 10 runs on Linux.
internal static unsafe partial class Libc
{
    internal const int AF_INET = 2;
    internal const int MSG_DONTWAIT = 0x40;
    internal const short POLLIN = 0x001;
    internal const short POLLOUT = 0x004;
    internal const int F_GETFL = 3;
    internal const int F_SETFL = 4;
    internal const int O_NONBLOCK = 0x800;
    internal const int SockaddrInSize = 16;

    [StructLayout(LayoutKind.Sequential)]
    internal struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct MsgHdr
    {
        public byte* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct MMsgHdr
    {
        public MsgHdr Header;
        public uint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short Returned;
    }

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int recvmmsg(SafeHandle fd, MMsgHdr* messages, uint count, int flags, void* timeout);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int sendmmsg(SafeHandle fd, MMsgHdr* messages, uint count, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint read(SafeHandle fd, byte* buffer, nuint count);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint write(SafeHandle fd, byte* buffer, nuint count);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int fcntl(SafeHandle fd, int command, int argument);

    /// <summary>
    /// Waits until <paramref name="fd"/> is ready for <paramref name="events"/>; false on timeout or
    /// a signal (the caller loops and re-checks whether it should stop).
    /// </summary>
    internal static bool Poll(SafeHandle fd, short events, int timeoutMs)
    {
        var added = false;
        fd.DangerousAddRef(ref added);
        try
        {
            var pfd = new PollFd { Fd = (int)fd.DangerousGetHandle(), Events = events };
            var n = poll(&pfd, 1, timeoutMs);
            if (n < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                return errno == Errno.EINTR ? false : throw Error("poll", errno);
            }

            return n > 0;
        }
        finally
        {
            if (added)
            {
                fd.DangerousRelease();
            }
        }
    }

    internal static void SetNonBlocking(SafeHandle fd)
    {
        var flags = fcntl(fd, F_GETFL, 0);
        if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
        {
            throw LastError("fcntl(O_NONBLOCK)");
        }
    }
}
