using System.Runtime.InteropServices;

namespace Steward.Linux.Netlink;

/// <summary>The kernel refused a netlink request: errno plus, when the kernel gave one, its extended ACK message.</summary>
public sealed class NetlinkException : IOException
{
    public NetlinkException(string operation, int errno, string? kernelMessage)
        : base(Format(operation, errno, kernelMessage))
    {
        Operation = operation;
        Errno = errno;
        KernelMessage = kernelMessage;
        HResult = errno;
    }

    public NetlinkException() : this("netlink", 0, null) { }
    public NetlinkException(string message) : base(message) { Operation = "netlink"; }
    public NetlinkException(string message, Exception inner) : base(message, inner) { Operation = "netlink"; }

    /// <summary>The request, e.g. "RTM_NEWLINK".</summary>
    public string Operation { get; }
    /// <summary>The positive errno, one of <see cref="Linux.Errno"/>'s values such as <see cref="Linux.Errno.EEXIST"/>.</summary>
    public int Errno { get; }
    /// <summary>NLMSGERR_ATTR_MSG from the extended ACK, or null.</summary>
    public string? KernelMessage { get; }
    public string ErrnoName => Linux.Errno.Name(Errno);

    public bool IsNotFound => Errno is Linux.Errno.ENODEV or Linux.Errno.ENOENT or Linux.Errno.ESRCH or Linux.Errno.EADDRNOTAVAIL;
    public bool IsExists => Errno == Linux.Errno.EEXIST;

    private static string Format(string operation, int errno, string? kernelMessage)
    {
        var text = $"{operation} failed: {Marshal.GetPInvokeErrorMessage(errno)} ({Linux.Errno.Name(errno)}, errno {errno})";
        return string.IsNullOrEmpty(kernelMessage) ? text : $"{text}: {kernelMessage}";
    }
}

/// <summary>A netlink reply that does not follow the wire format (bad length field, truncated header, ...).</summary>
public sealed class NetlinkFormatException : FormatException
{
    public NetlinkFormatException() { }
    public NetlinkFormatException(string message) : base(message) { }
    public NetlinkFormatException(string message, Exception inner) : base(message, inner) { }
}
