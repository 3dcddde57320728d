using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Steward.Linux.Interop;

namespace Steward.Linux.Sockets;

/// <summary>
/// An IPv4 UDP socket that moves datagrams in batches: one recvmmsg fills a <see cref="PacketBatch"/>,
/// one sendmmsg sends one. Receives wait with poll and a timeout, so a dedicated thread can loop on
/// <see cref="Receive"/> and still notice that it should stop. One thread may receive while
/// another sends; each uses its own batch. The socket belongs to the network namespace of the
/// thread that bound it (bind inside NetworkNamespace.RunOnCurrentThread to place it elsewhere).
/// </summary>
public sealed unsafe class UdpBatchSocket : IDisposable
{
    private readonly Socket _socket;

    private UdpBatchSocket(Socket socket)
    {
        _socket = socket;
        LocalEndPoint = Ipv4Endpoint.From((IPEndPoint)socket.LocalEndPoint!);
    }

    /// <summary>The bound address and port (the port the kernel chose when 0 was asked).</summary>
    public Ipv4Endpoint LocalEndPoint { get; }

    /// <summary>The descriptor, for options this class does not set.</summary>
    public SafeHandle Handle => _socket.SafeHandle;

    /// <summary>Binds a UDP socket to <paramref name="local"/> (IPv4; port 0 lets the kernel choose).</summary>
    /// <param name="local">The address and port to bind.</param>
    /// <param name="bufferBytes">SO_RCVBUF and SO_SNDBUF (the kernel caps them at net.core.rmem_max/wmem_max).</param>
    public static UdpBatchSocket Bind(IPEndPoint local, int bufferBytes = 4 << 20)
    {
        ArgumentNullException.ThrowIfNull(local);
        if (local.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{local} is not an IPv4 endpoint", nameof(local));
        }

        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.ReceiveBufferSize = bufferBytes;
            socket.SendBufferSize = bufferBytes;
            socket.Bind(local);
            return new UdpBatchSocket(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> for datagrams and receives as many as the batch
    /// holds, each placed after <paramref name="headroom"/> bytes of its slot; returns how many
    /// (0 on timeout). A datagram longer than the slot is cut to it.
    /// </summary>
    public int Receive(PacketBatch batch, int timeoutMs, int headroom = 0)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(headroom, batch.SlotSize - 1);
        batch.Count = 0;
        var n = TryReceive(batch, headroom);
        if (n > 0 || timeoutMs == 0)
        {
            return n;
        }

        return Libc.Poll(_socket.SafeHandle, Libc.POLLIN, timeoutMs) ? TryReceive(batch, headroom) : 0;
    }

    private int TryReceive(PacketBatch batch, int headroom)
    {
        var messages = batch.PrepareReceive(headroom);
        var n = Libc.recvmmsg(_socket.SafeHandle, messages, (uint)batch.Capacity, Libc.MSG_DONTWAIT, null);
        if (n < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is Errno.EAGAIN or Errno.EINTR)
            {
                return 0;
            }

            throw Libc.Error("recvmmsg", errno);
        }

        batch.CompleteReceive(n, headroom);
        return n;
    }

    /// <summary>
    /// Sends every slot of [0, Count) whose length is not 0 to its endpoint, in as few sendmmsg
    /// calls as the kernel allows, then empties the batch. Returns how many datagrams were sent;
    /// a datagram the kernel refuses (no route, unreachable) is skipped and not counted.
    /// </summary>
    public int Send(PacketBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var total = batch.PrepareSend(out var messages);
        var sent = 0;
        var done = 0;
        while (done < total)
        {
            var n = Libc.sendmmsg(_socket.SafeHandle, messages + done, (uint)(total - done), 0);
            if (n < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EINTR)
                {
                    continue;
                }

                if (errno == Errno.EAGAIN)
                {
                    Libc.Poll(_socket.SafeHandle, Libc.POLLOUT, 100);
                    continue;
                }

                // The first message failed on its own (e.g. ENETUNREACH, ECONNREFUSED from an
                // earlier ICMP error): skip it and go on with the rest.
                done++;
                continue;
            }

            sent += n;
            done += n;
        }

        batch.Clear();
        return sent;
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose() => _socket.Dispose();
}
