using System.Runtime.InteropServices;

namespace Steward.Linux.Netlink;

/// <summary>
/// Owns a netlink socket descriptor. Not a SafeSocketHandle: wrapping a descriptor in one starts
/// .NET's socket engine (an epoll instance and its thread), which a netlink socket used with plain
/// blocking sendto/recvfrom never needs and a short-lived CNI plugin pays for at every start.
/// </summary>
internal sealed partial class SafeNetlinkHandle : SafeHandle
{
    public SafeNetlinkHandle(int fd, bool ownsHandle = true)
        : base(invalidHandleValue: -1, ownsHandle)
    {
        SetHandle(fd);
    }

    public override bool IsInvalid => handle < 0;

    protected override bool ReleaseHandle() => Close((int)handle) == 0;

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
