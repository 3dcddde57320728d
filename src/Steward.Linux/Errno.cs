namespace Steward.Linux;

/// <summary>
/// Linux errno values (asm-generic/errno-base.h and errno.h) under their libc names, in one place for
/// Steward's Linux and CNI code. The numbers are those of every Linux architecture .NET runs on.
/// </summary>
public static class Errno
{
    /// <summary>Operation not permitted.</summary>
    public const int EPERM = 1;

    /// <summary>No such file or directory (or, from netlink, no such object).</summary>
    public const int ENOENT = 2;

    /// <summary>No such process (netlink: no such route or neighbour).</summary>
    public const int ESRCH = 3;

    /// <summary>Interrupted system call: the call is retried.</summary>
    public const int EINTR = 4;

    /// <summary>Input/output error.</summary>
    public const int EIO = 5;

    /// <summary>Bad file descriptor.</summary>
    public const int EBADF = 9;

    /// <summary>Try again: a non-blocking call would block, or a receive timed out.</summary>
    public const int EAGAIN = 11;

    /// <summary>Out of memory.</summary>
    public const int ENOMEM = 12;

    /// <summary>Permission denied.</summary>
    public const int EACCES = 13;

    /// <summary>Device or resource busy.</summary>
    public const int EBUSY = 16;

    /// <summary>The object already exists.</summary>
    public const int EEXIST = 17;

    /// <summary>No such device (netlink: no such link).</summary>
    public const int ENODEV = 19;

    /// <summary>Invalid argument.</summary>
    public const int EINVAL = 22;

    /// <summary>Text file busy: an executable is still open for writing.</summary>
    public const int ETXTBSY = 26;

    /// <summary>Broken pipe: the reading end was closed.</summary>
    public const int EPIPE = 32;

    /// <summary>No space left on device.</summary>
    public const int ENOSPC = 28;

    /// <summary>Result out of range.</summary>
    public const int ERANGE = 34;

    /// <summary>No data available.</summary>
    public const int ENODATA = 61;

    /// <summary>Protocol error.</summary>
    public const int EPROTO = 71;

    /// <summary>Message too long.</summary>
    public const int EMSGSIZE = 90;

    /// <summary>Protocol not supported.</summary>
    public const int EPROTONOSUPPORT = 93;

    /// <summary>Operation not supported.</summary>
    public const int EOPNOTSUPP = 95;

    /// <summary>Address family not supported by protocol.</summary>
    public const int EAFNOSUPPORT = 97;

    /// <summary>Address already in use.</summary>
    public const int EADDRINUSE = 98;

    /// <summary>Cannot assign the requested address (netlink: no such address).</summary>
    public const int EADDRNOTAVAIL = 99;

    /// <summary>Network is unreachable.</summary>
    public const int ENETUNREACH = 101;

    /// <summary>No buffer space available (netlink: the receive buffer overran and messages were lost).</summary>
    public const int ENOBUFS = 105;

    /// <summary>No route to host.</summary>
    public const int EHOSTUNREACH = 113;

    /// <summary>The libc name of <paramref name="errno"/> ("EEXIST"), or "E?" for one not listed here.</summary>
    public static string Name(int errno) => errno switch
    {
        EPERM => nameof(EPERM),
        ENOENT => nameof(ENOENT),
        ESRCH => nameof(ESRCH),
        EINTR => nameof(EINTR),
        EIO => nameof(EIO),
        EBADF => nameof(EBADF),
        EAGAIN => nameof(EAGAIN),
        ENOMEM => nameof(ENOMEM),
        EACCES => nameof(EACCES),
        EBUSY => nameof(EBUSY),
        EEXIST => nameof(EEXIST),
        ENODEV => nameof(ENODEV),
        EINVAL => nameof(EINVAL),
        ETXTBSY => nameof(ETXTBSY),
        EPIPE => nameof(EPIPE),
        ENOSPC => nameof(ENOSPC),
        ERANGE => nameof(ERANGE),
        ENODATA => nameof(ENODATA),
        EPROTO => nameof(EPROTO),
        EMSGSIZE => nameof(EMSGSIZE),
        EPROTONOSUPPORT => nameof(EPROTONOSUPPORT),
        EOPNOTSUPP => nameof(EOPNOTSUPP),
        EAFNOSUPPORT => nameof(EAFNOSUPPORT),
        EADDRINUSE => nameof(EADDRINUSE),
        EADDRNOTAVAIL => nameof(EADDRNOTAVAIL),
        ENETUNREACH => nameof(ENETUNREACH),
        ENOBUFS => nameof(ENOBUFS),
        EHOSTUNREACH => nameof(EHOSTUNREACH),
        _ => "E?",
    };
}
