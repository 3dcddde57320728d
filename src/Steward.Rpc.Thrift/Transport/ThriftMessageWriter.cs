using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Runtime.InteropServices;

namespace Steward.Rpc.Thrift;

/// <summary>
/// Encodes one message at a time into its own buffer (so a failed encode never reaches the wire and the
/// frame length is known), then copies it, framed or not, into the output pipe.
/// </summary>
internal sealed class ThriftMessageWriter
{
    // A buffer that grew for one huge message is dropped rather than kept for the connection's lifetime.
    private const int RetainedCapacity = 1024 * 1024;

    private ArrayBufferWriter<byte> _buffer = new(4096);

    public ThriftMessageWriter(ThriftTransport transport, ThriftWriter writer, ThriftLimits limits)
    {
        Transport = transport;
        Writer = writer;
        Limits = limits;
    }

    public ThriftTransport Transport { get; }
    public ThriftWriter Writer { get; }
    public ThriftLimits Limits { get; }

    /// <summary>Starts a new message; returns the protocol writer to encode it with.</summary>
    public ThriftWriter Begin()
    {
        if (_buffer.Capacity > RetainedCapacity)
        {
            _buffer = new ArrayBufferWriter<byte>(4096);
        }
        else
        {
            _buffer.ResetWrittenCount();
        }
        if (Transport == ThriftTransport.Framed)
        {
            _buffer.Advance(ThriftMessageReader.FrameHeaderSize);
        }
        Writer.Reset(_buffer);
        return Writer;
    }

    /// <summary>Flushes the protocol writer, fills in the frame length and checks the size limits.</summary>
    public ReadOnlyMemory<byte> End()
    {
        Writer.Flush();
        var written = _buffer.WrittenMemory;
        if (Transport == ThriftTransport.Framed)
        {
            var length = written.Length - ThriftMessageReader.FrameHeaderSize;
            if (length > Limits.MaxFrameSize)
            {
                throw new ThriftProtocolException(ThriftProtocolError.SizeLimit,
                    $"The message of {length} bytes exceeds the maximum frame size of {Limits.MaxFrameSize} bytes.");
            }
            BinaryPrimitives.WriteInt32BigEndian(MemoryMarshal.AsMemory(written).Span, length);
        }
        else if (written.Length > Limits.MaxMessageSize)
        {
            throw new ThriftProtocolException(ThriftProtocolError.SizeLimit,
                $"The message of {written.Length} bytes exceeds the maximum message size of {Limits.MaxMessageSize} bytes.");
        }
        return written;
    }

    /// <summary>Copies the finished message into the pipe (without flushing it).</summary>
    public void CopyTo(PipeWriter output) => output.Write(_buffer.WrittenSpan);
}
