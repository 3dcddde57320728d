using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Steward.Linux.Interop;

namespace Steward.Linux.Sockets;

/// <summary>
/// Preallocated native buffers for a batch of packets, each in its own fixed-size slot with an
/// offset, a length and an IPv4 peer: what one recvmmsg fills, one sendmmsg sends, or one wakeup
/// of a TUN reader drains. Nothing is allocated per packet; a slot's packet can be rewritten in
/// place (a header prepended into the headroom before its offset) and sent from the same memory.
/// Not thread-safe: one batch belongs to one thread.
/// </summary>
public sealed unsafe class PacketBatch : IDisposable
{
    private readonly byte* _memory;
    private readonly Libc.IoVec* _iov;
    private readonly Libc.MMsgHdr* _messages;
    private readonly byte* _addresses;
    private readonly int[] _offsets;
    private readonly int[] _lengths;
    private bool _disposed;

    /// <param name="capacity">How many packets one batch holds.</param>
    /// <param name="slotSize">The bytes of one slot, headroom included (2048 holds a 1500-byte packet and its tunnel headers).</param>
    public PacketBatch(int capacity, int slotSize = 2048)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(slotSize, 64);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slotSize, 65536 + 256);
        Capacity = capacity;
        SlotSize = slotSize;
        _memory = (byte*)NativeMemory.AlignedAlloc((nuint)(capacity * slotSize), 64);
        _iov = (Libc.IoVec*)NativeMemory.AllocZeroed((nuint)capacity, (nuint)sizeof(Libc.IoVec));
        _messages = (Libc.MMsgHdr*)NativeMemory.AllocZeroed((nuint)capacity, (nuint)sizeof(Libc.MMsgHdr));
        _addresses = (byte*)NativeMemory.AllocZeroed((nuint)capacity, Libc.SockaddrInSize);
        _offsets = new int[capacity];
        _lengths = new int[capacity];
    }

    /// <summary>How many slots the batch has.</summary>
    public int Capacity { get; }

    /// <summary>The bytes of one slot.</summary>
    public int SlotSize { get; }

    /// <summary>Slots in use: set by a receive or read; set by the caller (or <see cref="Add"/>) before a send.</summary>
    public int Count { get; set; }

    /// <summary>The whole memory of slot <paramref name="index"/>, headroom included.</summary>
    public Span<byte> Slot(int index) => new(SlotPointer(index), SlotSize);

    /// <summary>The packet in slot <paramref name="index"/>.</summary>
    public Span<byte> Packet(int index) => new(SlotPointer(index) + _offsets[index], _lengths[index]);

    /// <summary>Where the packet starts in its slot.</summary>
    public int Offset(int index) => _offsets[index];

    /// <summary>The packet's length; 0 leaves the slot out of a send.</summary>
    public int Length(int index) => _lengths[index];

    /// <summary>Says where slot <paramref name="index"/>'s packet lies in its slot.</summary>
    public void SetPacket(int index, int offset, int length)
    {
        if ((uint)offset > (uint)SlotSize || (uint)length > (uint)(SlotSize - offset))
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"packet [{offset}, +{length}) does not fit a {SlotSize}-byte slot");
        }

        _offsets[index] = offset;
        _lengths[index] = length;
    }

    /// <summary>The peer a datagram came from (after a receive) or goes to (before a send).</summary>
    public Ipv4Endpoint Endpoint(int index)
    {
        var sa = _addresses + (index * Libc.SockaddrInSize);
        return new Ipv4Endpoint(
            BinaryPrimitives.ReadUInt32BigEndian(new ReadOnlySpan<byte>(sa + 4, 4)),
            BinaryPrimitives.ReadUInt16BigEndian(new ReadOnlySpan<byte>(sa + 2, 2)));
    }

    /// <summary>Sets the peer slot <paramref name="index"/>'s datagram goes to.</summary>
    public void SetEndpoint(int index, Ipv4Endpoint endpoint)
    {
        var sa = new Span<byte>(_addresses + (index * Libc.SockaddrInSize), Libc.SockaddrInSize);
        sa.Clear();
        MemoryMarshal.Write(sa, (ushort)Libc.AF_INET);
        BinaryPrimitives.WriteUInt16BigEndian(sa[2..], endpoint.Port);
        BinaryPrimitives.WriteUInt32BigEndian(sa[4..], endpoint.Address);
    }

    /// <summary>
    /// Takes the next free slot for a packet to send: returns its index, or -1 when the batch is
    /// full (send it and clear it first). The caller writes the packet into <see cref="Slot"/> and
    /// calls <see cref="SetPacket"/>.
    /// </summary>
    public int Add(Ipv4Endpoint destination)
    {
        if (Count == Capacity)
        {
            return -1;
        }

        var index = Count++;
        SetEndpoint(index, destination);
        _offsets[index] = 0;
        _lengths[index] = 0;
        return index;
    }

    /// <summary>Empties the batch.</summary>
    public void Clear() => Count = 0;

    internal byte* SlotPointer(int index)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((uint)index >= (uint)Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        return _memory + ((nint)index * SlotSize);
    }

    // Points every message at its whole slot (after the headroom) for a receive.
    internal Libc.MMsgHdr* PrepareReceive(int headroom)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var i = 0; i < Capacity; i++)
        {
            _iov[i].Base = _memory + ((nint)i * SlotSize) + headroom;
            _iov[i].Length = (nuint)(SlotSize - headroom);
            ref var m = ref _messages[i];
            m.Header.Name = _addresses + (i * Libc.SockaddrInSize);
            m.Header.NameLength = Libc.SockaddrInSize;
            m.Header.Iov = &_iov[i];
            m.Header.IovLength = 1;
            m.Header.Flags = 0;
            m.Length = 0;
        }

        return _messages;
    }

    internal void CompleteReceive(int received, int headroom)
    {
        for (var i = 0; i < received; i++)
        {
            _offsets[i] = headroom;
            _lengths[i] = (int)_messages[i].Length;
        }

        Count = received;
    }

    // Lays the non-empty slots of [0, Count) out as consecutive messages; returns how many.
    internal int PrepareSend(out Libc.MMsgHdr* messages)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var n = 0;
        for (var i = 0; i < Count; i++)
        {
            if (_lengths[i] == 0)
            {
                continue;
            }

            _iov[i].Base = _memory + ((nint)i * SlotSize) + _offsets[i];
            _iov[i].Length = (nuint)_lengths[i];
            ref var m = ref _messages[n++];
            m.Header.Name = _addresses + (i * Libc.SockaddrInSize);
            m.Header.NameLength = Libc.SockaddrInSize;
            m.Header.Iov = &_iov[i];
            m.Header.IovLength = 1;
            m.Header.Control = null;
            m.Header.ControlLength = 0;
            m.Header.Flags = 0;
        }

        messages = _messages;
        return n;
    }

    /// <summary>Frees the native memory.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NativeMemory.AlignedFree(_memory);
        NativeMemory.Free(_iov);
        NativeMemory.Free(_messages);
        NativeMemory.Free(_addresses);
    }
}
