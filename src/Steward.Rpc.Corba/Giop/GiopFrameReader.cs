using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;

namespace Steward.Rpc.Corba;

/// <summary>
/// Cuts whole GIOP messages out of a byte stream. The header is checked as soon as its 12 bytes are in, so a bad
/// magic, version or an oversized message fails before its body is waited for or buffered.
/// </summary>
internal static class GiopFrameReader
{
    /// <summary>Takes one whole message off the front of <paramref name="buffer"/>; false when more bytes are needed.</summary>
    public static bool TryReadMessage(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out GiopHeader header, out byte[] message)
    {
        message = [];
        header = default;
        if (buffer.Length < GiopHeader.Length)
        {
            return false;
        }
        Span<byte> head = stackalloc byte[GiopHeader.Length];
        buffer.Slice(0, GiopHeader.Length).CopyTo(head);
        header = GiopHeader.Read(head, maxMessageSize);
        if (buffer.Length < header.MessageSize)
        {
            return false;
        }
        var whole = buffer.Slice(0, header.MessageSize);
        message = whole.ToArray();
        buffer = buffer.Slice(whole.End);
        return true;
    }

    /// <summary>
    /// Reads the next whole message from <paramref name="input"/>; null at a clean end of stream (between messages)
    /// or when the read was cancelled. A stream that ends inside a message is a protocol error.
    /// </summary>
    public static async ValueTask<(GiopHeader Header, byte[] Message)?> ReadAsync(PipeReader input, int maxMessageSize, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            bool found;
            GiopHeader header;
            byte[] message;
            try
            {
                found = TryReadMessage(ref buffer, maxMessageSize, out header, out message);
            }
            catch
            {
                input.AdvanceTo(buffer.Start);
                throw;
            }
            if (found)
            {
                input.AdvanceTo(buffer.Start);
                return (header, message);
            }
            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCanceled)
            {
                return null;
            }
            if (result.IsCompleted)
            {
                if (!buffer.IsEmpty)
                {
                    throw new GiopProtocolException($"The connection ended inside a message ({buffer.Length} bytes of it were received).");
                }
                return null;
            }
        }
    }
}

/// <summary>
/// Reassembles fragmented messages on one connection. GIOP 1.1: a Request or Reply with the more-fragments flag is
/// continued by the Fragment messages that follow (one at a time). GIOP 1.2: any Request, Reply, LocateRequest or
/// LocateReply may be fragmented, its Fragments carrying its request id, several at once. A whole message is bounded
/// by <see cref="CdrLimits.MaxMessageSize"/>, the messages being reassembled at once by <see cref="MaxPending"/>.
/// </summary>
internal sealed class GiopFragmentAssembler(CdrLimits limits)
{
    public const int MaxPending = 32;

    private readonly Dictionary<uint, Pending> _pending12 = new();
    private Pending? _pending11;

    /// <summary>A whole message: <paramref name="message"/> itself, or a reassembled one, or null while fragments are outstanding.</summary>
    public (GiopHeader Header, byte[] Message)? Add(GiopHeader header, byte[] message)
    {
        if (header.Type == GiopMessageType.Fragment)
        {
            return Continue(header, message);
        }
        if (!header.MoreFragments)
        {
            return (header, message);
        }
        if (header.Version.Minor == 1)
        {
            if (header.Type is not (GiopMessageType.Request or GiopMessageType.Reply))
            {
                throw new GiopProtocolException($"GIOP 1.1 does not fragment {header.Type} messages.");
            }
            if (_pending11 is not null)
            {
                throw new GiopProtocolException("A GIOP 1.1 message began before the fragmented one before it was complete.");
            }
            _pending11 = new Pending(header, message);
            return null;
        }
        if (header.Type is not (GiopMessageType.Request or GiopMessageType.Reply or GiopMessageType.LocateRequest or GiopMessageType.LocateReply))
        {
            throw new GiopProtocolException($"{header.Type} messages are not fragmented.");
        }
        var id = ReadRequestId(header, message, GiopHeader.Length);
        if (_pending12.ContainsKey(id))
        {
            throw new GiopProtocolException($"Request {id} began again while its fragments were outstanding.");
        }
        if (_pending12.Count >= MaxPending)
        {
            throw new GiopProtocolException($"More than {MaxPending} fragmented messages at once.");
        }
        _pending12[id] = new Pending(header, message);
        return null;
    }

    private (GiopHeader Header, byte[] Message)? Continue(GiopHeader header, byte[] message)
    {
        Pending? pending;
        int dataStart;
        uint id = 0;
        if (header.Version.Minor == 1)
        {
            pending = _pending11 ?? throw new GiopProtocolException("A Fragment continues no GIOP 1.1 message.");
            dataStart = GiopHeader.Length;
        }
        else
        {
            id = ReadRequestId(header, message, GiopHeader.Length);
            if (!_pending12.TryGetValue(id, out pending))
            {
                throw new GiopProtocolException($"A Fragment continues request {id}, which has no message in progress.");
            }
            dataStart = GiopHeader.Length + 4;
        }
        if (pending.Header.Version != header.Version)
        {
            throw new GiopProtocolException($"A GIOP {header.Version} Fragment continues a GIOP {pending.Header.Version} message.");
        }
        var data = message.AsSpan(dataStart);
        if ((long)pending.Length + data.Length > limits.MaxMessageSize)
        {
            throw new GiopProtocolException($"A fragmented message grows past the limit of {limits.MaxMessageSize} bytes.");
        }
        pending.Append(data);
        if (header.MoreFragments)
        {
            return null;
        }
        if (header.Version.Minor == 1)
        {
            _pending11 = null;
        }
        else
        {
            _pending12.Remove(id);
        }
        var whole = pending.ToArray();
        var completed = pending.Header with { MoreFragments = false, BodySize = whole.Length - GiopHeader.Length };
        completed.Write(whole);
        return (completed, whole);
    }

    private static uint ReadRequestId(GiopHeader header, byte[] message, int at)
    {
        if (message.Length < at + 4)
        {
            throw new GiopProtocolException("A fragmented GIOP 1.2 message is too short to carry its request id.");
        }
        var span = message.AsSpan(at, 4);
        return header.LittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(span) : BinaryPrimitives.ReadUInt32BigEndian(span);
    }

    private sealed class Pending(GiopHeader header, byte[] first)
    {
        private byte[] _buffer = first;
        private int _length = first.Length;

        public GiopHeader Header { get; } = header;
        public int Length => _length;

        public void Append(ReadOnlySpan<byte> data)
        {
            if (_buffer.Length - _length < data.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + data.Length));
            }
            data.CopyTo(_buffer.AsSpan(_length));
            _length += data.Length;
        }

        public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();
    }
}
