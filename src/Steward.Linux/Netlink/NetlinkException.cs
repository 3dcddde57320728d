using System.Runtime.InteropServices;

namespace Steward.Linux.Netlink;

/// <summary>The kernel refused a netlink request: errno plus, when the kernel gave one, its extended ACK message.</summary>
public sealed class NetlinkException : IOException
{
    /// <summary>Creates the exception for <paramref name="operation"/> refused with the positive <paramref name="errno"/> and the kernel's extended ACK text, if any.</summary>
    public NetlinkException(string operation, int errno, string? kernelMessage)
        : base(Format(operation, errno, kernelMessage))
    {
        Operation = operation;
        Errno = errno;
        KernelMessage = kernelMessage;
        HResult = errno;
    }

    /// <summary>Creates the exception with no errno, for a generic netlink failure.</summary>
    public NetlinkException() : this("netlink", 0, null) { }
    /// <summary>Creates the exception with <paramref name="message"/> and no errno.</summary>
    public NetlinkException(string message) : base(message) { Operation = "netlink"; }
    /// <summary>Creates the exception with <paramref name="message"/>, no errno, and the error behind it.</summary>
    public NetlinkException(string message, Exception inner) : base(message, inner) { Operation = "netlink"; }

    /// <summary>The request, e.g. "RTM_NEWLINK".</summary>
    public string Operation { get; }
    /// <summary>The positive errno, one of <see cref="Linux.Errno"/>'s values such as <see cref="Linux.Errno.EEXIST"/>.</summary>
    public int Errno { get; }
    /// <summary>NLMSGERR_ATTR_MSG from the extended ACK, or null.</summary>
    public string? KernelMessage { get; }
    /// <summary>The libc name of <see cref="Errno"/>, such as "EEXIST".</summary>
    public string ErrnoName => Linux.Errno.Name(Errno);

    /// <summary>True when the object asked for does not exist (ENODEV, ENOENT, ESRCH or EADDRNOTAVAIL, depending on its kind).</summary>
    public bool IsNotFound => Errno is Linux.Errno.ENODEV or Linux.Errno.ENOENT or Linux.Errno.ESRCH or Linux.Errno.EADDRNOTAVAIL;
    /// <summary>True when the object to create exists already (EEXIST).</summary>
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
    /// <summary>Creates the exception with the default message.</summary>
    public NetlinkFormatException() { }
    /// <summary>Creates the exception with what is malformed.</summary>
    public NetlinkFormatException(string message) : base(message) { }
    /// <summary>Creates the exception with what is malformed and the error behind it.</summary>
    public NetlinkFormatException(string message, Exception inner) : base(message, inner) { }
}
