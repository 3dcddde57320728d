using System.Runtime.InteropServices;

namespace Steward.Hosting.Linux.Interop;

/// <summary>
/// A descriptor the transport owns (the epoll instance, the wake-up eventfd). Every use holds a reference,
/// so disposing it while another thread is inside epoll_ctl or write delays the close instead of letting
/// that call reach whatever file the number names next.
/// </summary>
internal sealed class Descriptor : SafeHandle
{
    public Descriptor(int fd) : base(-1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle < 0;

    public int Fd => (int)handle;

    protected override bool ReleaseHandle() => Sys.close((int)handle) == 0;
}
