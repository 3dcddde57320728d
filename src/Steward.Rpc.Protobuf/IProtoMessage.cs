using System.Buffers;
using System.ComponentModel;

namespace Steward.Rpc.Protobuf;

/// <summary>Implemented by every generated message; the wire-level contract the runtime relies on.</summary>
public interface IProtoMessage
{
    /// <summary>Reads fields until the end of the current message, merging them into this one.</summary>
    void MergeFrom(ref ProtoReader reader);

    /// <summary>Writes the fields. Call <see cref="CalculateSize"/> first: it caches the sizes of embedded messages.</summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    void WriteTo(ref ProtoWriter writer);

    /// <summary>The encoded size in bytes (caches it, and those of embedded messages, for the write that follows).</summary>
    int CalculateSize();

    /// <summary>The size computed by the last <see cref="CalculateSize"/> call.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    int GetCachedSize();
}

/// <summary>A generated message that can copy itself and compare by value.</summary>
public interface IProtoMessage<T> : IProtoMessage, IEquatable<T> where T : IProtoMessage<T>
{
    /// <summary>A deep copy: nested messages, lists, maps and unknown fields are copied too.</summary>
    T Clone();
}

/// <summary>Entry points shared by all generated messages (they call these from Parse/ToByteArray/WriteTo).</summary>
public static class ProtoMessage
{
    /// <summary>Decodes <paramref name="data"/> into <paramref name="message"/> (merging) and returns it; malformed or over-limit input throws <see cref="ProtoDecodeException"/>.</summary>
    public static T Parse<T>(T message, ReadOnlySpan<byte> data, ProtoReaderOptions? options = null) where T : IProtoMessage
    {
        ArgumentNullException.ThrowIfNull(message);
        var reader = new ProtoReader(data, options);
        message.MergeFrom(ref reader);
        return message;
    }

    /// <summary>Decodes <paramref name="data"/>, possibly in several segments, into <paramref name="message"/> (merging) and returns it; malformed or over-limit input throws <see cref="ProtoDecodeException"/>.</summary>
    public static T Parse<T>(T message, ReadOnlySequence<byte> data, ProtoReaderOptions? options = null) where T : IProtoMessage
    {
        if (data.IsSingleSegment)
        {
            return Parse(message, data.FirstSpan, options);
        }
        options ??= ProtoReaderOptions.Default;
        if (data.Length > options.MaxMessageSize)
        {
            throw new ProtoDecodeException(0, $"message of {data.Length} bytes exceeds the maximum of {options.MaxMessageSize}");
        }
        // A message split across segments is made contiguous in a pooled buffer; the length was bounded above.
        var length = (int)data.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            data.CopyTo(rented);
            return Parse(message, rented.AsSpan(0, length), options);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The encoded message in a new array of exactly its size.</summary>
    public static byte[] ToByteArray<T>(T message) where T : IProtoMessage
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        if (size == 0)
        {
            return [];
        }
        var bytes = GC.AllocateUninitializedArray<byte>(size);
        var writer = new ProtoWriter(bytes);
        message.WriteTo(ref writer);
        return bytes;
    }

    /// <summary>Encodes the message into one span taken from <paramref name="output"/> and advances it by the size written.</summary>
    public static void WriteTo<T>(T message, IBufferWriter<byte> output) where T : IProtoMessage
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);
        var size = message.CalculateSize();
        if (size == 0)
        {
            return;
        }
        var span = output.GetSpan(size)[..size];
        var writer = new ProtoWriter(span);
        message.WriteTo(ref writer);
        output.Advance(size);
    }

    /// <summary>Writes into <paramref name="destination"/>; returns the number of bytes written.</summary>
    public static int WriteTo<T>(T message, Span<byte> destination) where T : IProtoMessage
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        if (size > destination.Length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the message needs {size}", nameof(destination));
        }
        var writer = new ProtoWriter(destination[..size]);
        message.WriteTo(ref writer);
        return size;
    }
}
