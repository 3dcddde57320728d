using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Steward.Linux.Interop;

namespace Steward.Linux.Netlink;

/// <summary>Called for each reply message that belongs to the request (not ACKs, not NLMSG_DONE).</summary>
internal delegate void NetlinkMessageHandler(in NetlinkHeader header, ReadOnlySpan<byte> payload);

/// <summary>
/// An AF_NETLINK socket (opened with socket(2) because .NET's Socket cannot open that family) and
/// the request/reply exchange: sequence numbers, ACKs, multi-part dumps, extended ACK errors and
/// NLM_F_DUMP_INTR retries. One request at a time; the socket stays in the network namespace it
/// was opened in, whichever thread uses it later.
/// </summary>
internal sealed unsafe class NetlinkSocket : IDisposable
{
    public const int NetlinkRoute = 0;
    private const int MaxDumpAttempts = 10;

    private readonly Lock _gate = new();
    // Grown on demand (Receive peeks the size first); small to start, since every byte of a fresh
    // array is cleared and touched, and a plugin's replies are a few kilobytes.
    private byte[] _receiveBuffer = new byte[8 * 1024];
    private uint _sequence;

    private NetlinkSocket(SafeNetlinkHandle handle, uint portId, uint initialSequence)
    {
        Handle = handle;
        PortId = portId;
        _sequence = initialSequence;
    }

    public SafeNetlinkHandle Handle { get; }
    /// <summary>The port id the kernel assigned at bind.</summary>
    public uint PortId { get; }

    /// <summary>Opens and binds a netlink socket in the calling thread's network namespace.</summary>
    public static NetlinkSocket Open(int protocol = NetlinkRoute, TimeSpan? receiveTimeout = null)
    {
        var fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, protocol);
        if (fd < 0)
        {
            throw Libc.LastError("socket(AF_NETLINK)");
        }

        var handle = new SafeNetlinkHandle(fd);
        try
        {
            int one = 1;
            // Extended ACKs carry the kernel's reason text; capped ACKs keep error replies small.
            // Both are best effort: old kernels lack them and that is not fatal.
            Libc.setsockopt(handle, Libc.SOL_NETLINK, Libc.NETLINK_EXT_ACK, &one, sizeof(int));
            Libc.setsockopt(handle, Libc.SOL_NETLINK, Libc.NETLINK_CAP_ACK, &one, sizeof(int));
            int size = 1 << 20;
            Libc.setsockopt(handle, Libc.SOL_SOCKET, Libc.SO_RCVBUF, &size, sizeof(int));
            var timeout = receiveTimeout ?? TimeSpan.FromSeconds(30);
            long* tv = stackalloc long[2];
            tv[0] = (long)timeout.TotalSeconds;
            tv[1] = timeout.Microseconds + timeout.Milliseconds * 1000L;
            if (Libc.setsockopt(handle, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, tv, 2 * sizeof(long)) < 0)
            {
                throw Libc.LastError("setsockopt(SO_RCVTIMEO)");
            }

            byte* addr = stackalloc byte[Libc.SockaddrNlSize];
            new Span<byte>(addr, Libc.SockaddrNlSize).Clear();
            *(ushort*)addr = Libc.AF_NETLINK;
            if (Libc.bind(handle, addr, Libc.SockaddrNlSize) < 0)
            {
                throw Libc.LastError("bind(AF_NETLINK)");
            }

            int len = Libc.SockaddrNlSize;
            if (Libc.getsockname(handle, addr, &len) < 0)
            {
                throw Libc.LastError("getsockname(AF_NETLINK)");
            }

            return new NetlinkSocket(handle, *(uint*)(addr + Libc.SockaddrNlPidOffset), (uint)Environment.TickCount);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Sends a request with NLM_F_ACK and hands every reply message to <paramref name="handler"/>.</summary>
    /// <param name="request">The request; its sequence number is assigned here.</param>
    /// <param name="handler">Receives each reply message other than the ACK; null when only the ACK matters.</param>
    /// <param name="restart">Called before a dump interrupted by a concurrent change is re-run, to drop partial results.</param>
    public void Execute(NetlinkMessageWriter request, NetlinkMessageHandler? handler, Action? restart = null)
    {
        var operation = NetlinkMessageType.Name(request.Type);
        lock (_gate)
        {
            for (var attempt = 1; ; attempt++)
            {
                var sequence = unchecked(++_sequence);
                request.Flags |= NetlinkFlags.Ack;
                Send(request.Finish(sequence, PortId));
                var interrupted = false;
                while (true)
                {
                    var datagram = Receive();
                    if (ProcessReply(datagram, sequence, operation, handler, ref interrupted))
                    {
                        break;
                    }
                }
                if (!interrupted)
                {
                    return;
                }

                if (attempt == MaxDumpAttempts)
                {
                    throw new NetlinkException(operation, Errno.EINTR, $"dump interrupted by concurrent changes {attempt} times in a row");
                }

                restart?.Invoke();
            }
        }
    }

    /// <summary>Runs a dump request and parses each reply message into an item (null = skip it).</summary>
    public List<T> Dump<T>(NetlinkMessageWriter request, NetlinkParser<T> parse) where T : class
    {
        var items = new List<T>();
        Execute(request, (in NetlinkHeader h, ReadOnlySpan<byte> p) =>
        {
            if (parse(h, p) is { } item)
            {
                items.Add(item);
            }
        }, items.Clear);
        return items;
    }

    /// <summary>
    /// Interprets one datagram of replies to request <paramref name="sequence"/>. Returns true when
    /// the exchange is complete (ACK or NLMSG_DONE); throws <see cref="NetlinkException"/> for a
    /// kernel error and <see cref="NetlinkFormatException"/> for a malformed reply.
    /// </summary>
    public static bool ProcessReply(ReadOnlySpan<byte> datagram, uint sequence, string operation,
        NetlinkMessageHandler? handler, ref bool interrupted)
    {
        var reader = new NetlinkMessageReader(datagram);
        var done = false;
        while (reader.TryRead(out var header, out var payload))
        {
            if (header.Sequence != sequence)
            {
                continue; // a late answer to an earlier request that timed out
            }

            if ((header.Flags & NetlinkFlags.DumpInterrupted) != 0)
            {
                interrupted = true;
            }

            switch (header.Type)
            {
                case NetlinkMessageType.Error:
                    ThrowIfError(payload, header.Flags, operation);
                    return true;
                case NetlinkMessageType.Done:
                    if (payload.Length >= 4 && BinaryPrimitives.ReadInt32LittleEndian(payload) is var e and < 0)
                    {
                        throw new NetlinkException(operation, -e, ExtendedMessage(payload[4..], header.Flags, capped: true));
                    }

                    done = true;
                    break;
                case NetlinkMessageType.Noop:
                    break;
                case NetlinkMessageType.Overrun:
                    throw new NetlinkException(operation, Errno.ENOBUFS, "netlink receive buffer overrun");
                default:
                    handler?.Invoke(header, payload);
                    break;
            }
        }
        return done;
    }

    private static void ThrowIfError(ReadOnlySpan<byte> payload, NetlinkFlags flags, string operation)
    {
        // struct nlmsgerr: int error; struct nlmsghdr msg; [echoed payload unless capped]; [TLVs].
        if (payload.Length < 4 + NetlinkWire.HeaderSize)
        {
            throw new NetlinkFormatException($"{operation}: NLMSG_ERROR payload of {payload.Length} bytes is shorter than struct nlmsgerr (20)");
        }

        var error = BinaryPrimitives.ReadInt32LittleEndian(payload);
        if (error == 0)
        {
            return;
        }

        if (error > 0)
        {
            throw new NetlinkFormatException($"{operation}: NLMSG_ERROR with positive error {error}");
        }

        var message = (flags & NetlinkFlags.AckTlvs) != 0
            ? ExtendedMessage(payload[4..], flags, (flags & NetlinkFlags.Capped) != 0)
            : null;
        throw new NetlinkException(operation, -error, message);
    }

    private static string? ExtendedMessage(ReadOnlySpan<byte> afterError, NetlinkFlags flags, bool capped)
    {
        if ((flags & NetlinkFlags.AckTlvs) == 0)
        {
            return null;
        }

        int skip = NetlinkWire.HeaderSize;
        if (!capped && afterError.Length >= 4)
        {
            skip = NetlinkWire.Align((int)BinaryPrimitives.ReadUInt32LittleEndian(afterError));
        }

        if (skip > afterError.Length)
        {
            throw new NetlinkFormatException($"NLMSG_ERROR echoes a request of {skip} bytes but only {afterError.Length} follow");
        }

        var attrs = new NetlinkAttributeReader(afterError[skip..]);
        while (attrs.TryRead(out var type, out var value))
        {
            if (type == NetlinkWire.ErrorAttributeMessage)
            {
                return NetlinkValue.String(value);
            }
        }

        return null;
    }

    private void Send(ReadOnlySpan<byte> message)
    {
        byte* addr = stackalloc byte[Libc.SockaddrNlSize];
        new Span<byte>(addr, Libc.SockaddrNlSize).Clear();
        *(ushort*)addr = Libc.AF_NETLINK;
        fixed (byte* p = message)
        {
            while (true)
            {
                var n = Libc.sendto(Handle, p, (nuint)message.Length, 0, addr, Libc.SockaddrNlSize);
                if (n >= 0)
                {
                    return;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                {
                    throw Libc.Error("sendto(netlink)", errno);
                }
            }
        }
    }

    private ReadOnlySpan<byte> Receive()
    {
        byte* addr = stackalloc byte[Libc.SockaddrNlSize];
        while (true)
        {
            int addrLen = Libc.SockaddrNlSize;
            nint n;
            // Peek with MSG_TRUNC first so a datagram larger than the buffer is never cut.
            fixed (byte* p = _receiveBuffer)
            {
                n = Libc.recvfrom(Handle, p, (nuint)_receiveBuffer.Length, Libc.MSG_PEEK | Libc.MSG_TRUNC, addr, &addrLen);
            }

            if (n > _receiveBuffer.Length)
            {
                _receiveBuffer = new byte[NetlinkWire.Align((int)n)];
            }

            if (n >= 0)
            {
                addrLen = Libc.SockaddrNlSize;
                fixed (byte* p = _receiveBuffer)
                {
                    n = Libc.recvfrom(Handle, p, (nuint)_receiveBuffer.Length, 0, addr, &addrLen);
                }
            }
            if (n < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EINTR)
                {
                    continue;
                }

                if (errno == Errno.EAGAIN)
                {
                    throw new TimeoutException("no netlink reply from the kernel before the receive timeout");
                }

                throw Libc.Error("recvfrom(netlink)", errno);
            }
            // Only the kernel (port 0) answers requests; anything else is ignored.
            if (*(uint*)(addr + Libc.SockaddrNlPidOffset) != 0)
            {
                continue;
            }

            return _receiveBuffer.AsSpan(0, (int)n);
        }
    }

    public void Dispose() => Handle.Dispose();
}

/// <summary>Turns one reply message into an item, or null to skip it.</summary>
internal delegate T? NetlinkParser<T>(in NetlinkHeader header, ReadOnlySpan<byte> payload) where T : class;
