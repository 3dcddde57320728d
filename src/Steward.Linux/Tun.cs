using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Steward.Linux.Interop;
using Steward.Linux.Sockets;

namespace Steward.Linux;

/// <summary>Whether a device carries IP packets (TUN) or Ethernet frames (TAP).</summary>
public enum TunMode
{
    /// <summary>Layer 3: IP packets.</summary>
    Tun = 1,
    /// <summary>Layer 2: Ethernet frames.</summary>
    Tap = 2,
}

/// <summary>A TUN or TAP interface attached to an open /dev/net/tun descriptor; the interface exists while it is open (unless persistent).</summary>
public sealed class TunDevice : IDisposable
{
    private const nuint TUNSETIFF = 0x400454ca;
    private const ushort IFF_NO_PI = 0x1000;
    private const ushort IFF_MULTI_QUEUE = 0x0100;
    private const int IFNAMSIZ = 16;
    private bool _nonBlocking;

    private TunDevice(SafeFileHandle handle, string name, TunMode mode)
    {
        Handle = handle;
        Name = name;
        Mode = mode;
        Stream = new FileStream(handle, FileAccess.ReadWrite, bufferSize: 0);
    }

    /// <summary>The /dev/net/tun descriptor; closing it removes a non-persistent interface.</summary>
    public SafeFileHandle Handle { get; }
    /// <summary>The interface name the kernel chose or confirmed.</summary>
    public string Name { get; }
    /// <summary>TUN or TAP, as opened.</summary>
    public TunMode Mode { get; }
    /// <summary>One Read returns one packet (frame); one Write sends one.</summary>
    public Stream Stream { get; }

    /// <param name="name">The interface name; a pattern like "tun%d" or empty lets the kernel pick.</param>
    /// <param name="mode">TUN for IP packets, TAP for Ethernet frames.</param>
    /// <param name="packetInformation">Keep the 4-byte flags/protocol prefix on each packet.</param>
    /// <param name="multiQueue">Open one queue of a multi-queue device (IFF_MULTI_QUEUE); open the name again for more queues.</param>
    public static unsafe TunDevice Open(string name, TunMode mode, bool packetInformation = false, bool multiQueue = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        var nameBytes = Encoding.ASCII.GetBytes(name);
        if (nameBytes.Length >= IFNAMSIZ)
        {
            throw new ArgumentException($"interface name '{name}' is longer than {IFNAMSIZ - 1} bytes", nameof(name));
        }

        var handle = File.OpenHandle("/dev/net/tun", FileMode.Open, FileAccess.ReadWrite);
        try
        {
            // struct ifreq: char ifr_name[16]; short ifr_flags; padded to 40 bytes.
            byte* ifr = stackalloc byte[40];
            var span = new Span<byte>(ifr, 40);
            span.Clear();
            nameBytes.CopyTo(span);
            var flags = (ushort)((ushort)mode | (packetInformation ? 0 : IFF_NO_PI) | (multiQueue ? IFF_MULTI_QUEUE : 0));
            *(ushort*)(ifr + IFNAMSIZ) = flags;
            if (Libc.ioctl(handle, TUNSETIFF, ifr) < 0)
            {
                throw Libc.LastError($"ioctl(TUNSETIFF, '{name}')");
            }

            var actual = span[..IFNAMSIZ];
            var nul = actual.IndexOf((byte)0);
            return new TunDevice(handle, Encoding.ASCII.GetString(nul >= 0 ? actual[..nul] : actual), mode);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> for packets and reads as many as are queued, up to
    /// the batch's capacity, each after <paramref name="headroom"/> bytes of its slot (room to
    /// prepend a tunnel header in place); returns how many (0 on timeout). The kernel hands a TUN
    /// reader one packet per read(2), so this drains the queue with non-blocking reads after one
    /// poll: one wakeup, many packets. The first call makes the descriptor non-blocking; use
    /// <see cref="ReadBatch"/> and <see cref="Write"/> rather than <see cref="Stream"/> from then on.
    /// </summary>
    public unsafe int ReadBatch(PacketBatch batch, int timeoutMs, int headroom = 0)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(headroom, batch.SlotSize - 1);
        if (!_nonBlocking)
        {
            Libc.SetNonBlocking(Handle);
            _nonBlocking = true;
        }

        batch.Count = 0;
        var n = Drain(batch, headroom);
        if (n == 0 && timeoutMs != 0 && Libc.Poll(Handle, Libc.POLLIN, timeoutMs))
        {
            n = Drain(batch, headroom);
        }

        return n;
    }

    private unsafe int Drain(PacketBatch batch, int headroom)
    {
        var n = 0;
        while (n < batch.Capacity)
        {
            var read = Libc.read(Handle, batch.SlotPointer(n) + headroom, (nuint)(batch.SlotSize - headroom));
            if (read < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno is Errno.EAGAIN or Errno.EINTR)
                {
                    break;
                }

                throw Libc.Error($"read({Name})", errno);
            }

            batch.SetPacket(n, headroom, (int)read);
            n++;
        }

        batch.Count = n;
        return n;
    }

    /// <summary>Hands one packet to the kernel as if the interface had received it; false when the kernel refused it (e.g. the interface is down).</summary>
    public unsafe bool Write(ReadOnlySpan<byte> packet)
    {
        fixed (byte* p = packet)
        {
            while (true)
            {
                var written = Libc.write(Handle, p, (nuint)packet.Length);
                if (written >= 0)
                {
                    return true;
                }

                if (Marshal.GetLastPInvokeError() != Errno.EINTR)
                {
                    return false;
                }
            }
        }
    }

    /// <summary>Closes the descriptor, which removes a non-persistent interface.</summary>
    public void Dispose()
    {
        Stream.Dispose();
        Handle.Dispose();
    }
}
