using System.Buffers;

namespace Steward.Rpc.Thrift;

/// <summary>
/// A <see cref="Marshaller{T}"/> for a Thrift struct as bytes in the compact protocol (TCompactProtocol's
/// struct encoding with no message header), honouring <see cref="ThriftLimits"/>; bytes after the struct's
/// end are an error.
/// </summary>
public sealed class ThriftStructMarshaller<T> : Marshaller<T> where T : class, IThriftStruct, new()
{
    private readonly ThriftLimits _limits;

    /// <summary>A marshaller whose decoding is bounded by <paramref name="limits"/> (default: <see cref="ThriftLimits.Default"/>).</summary>
    public ThriftStructMarshaller(ThriftLimits? limits = null)
    {
        _limits = limits ?? ThriftLimits.Default;
    }

    /// <summary>A shared marshaller with the default limits.</summary>
    public static ThriftStructMarshaller<T> Default { get; } = new();

    /// <summary>Writes <paramref name="value"/> as a compact-protocol struct.</summary>
    public override void Serialize(T value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(value);
        var writer = ThriftCodecCache.RentWriter();
        try
        {
            writer.Reset(output);
            value.Write(writer);
            writer.Flush();
        }
        finally
        {
            ThriftCodecCache.Return(writer);
        }
    }

    /// <summary>Reads one compact-protocol struct that fills <paramref name="input"/> exactly; anything else throws <see cref="ThriftProtocolException"/>.</summary>
    public override T Deserialize(ReadOnlySequence<byte> input)
    {
        var reader = ThriftCodecCache.RentReader(_limits);
        try
        {
            reader.Reset(input);
            var value = new T();
            value.Read(reader);
            if (reader.Consumed != input.Length)
            {
                throw new ThriftProtocolException(ThriftProtocolError.InvalidData,
                    $"{input.Length - reader.Consumed} bytes follow the end of the {typeof(T).Name} struct.");
            }
            return value;
        }
        finally
        {
            ThriftCodecCache.Return(reader);
        }
    }
}

/// <summary>One compact reader and writer per thread for the marshallers, taken out while in use so nesting is safe.</summary>
internal static class ThriftCodecCache
{
    [ThreadStatic]
    private static ThriftCompactWriter? _writer;

    [ThreadStatic]
    private static ThriftCompactReader? _reader;

    public static ThriftCompactWriter RentWriter()
    {
        var writer = _writer;
        _writer = null;
        return writer ?? new ThriftCompactWriter();
    }

    public static void Return(ThriftCompactWriter writer) => _writer = writer;

    public static ThriftCompactReader RentReader(ThriftLimits limits)
    {
        var reader = _reader;
        if (reader is not null && ReferenceEquals(reader.Limits, limits))
        {
            _reader = null;
            return reader;
        }
        return new ThriftCompactReader(limits);
    }

    public static void Return(ThriftCompactReader reader)
    {
        // Drop the input so a cached reader does not keep a large buffer alive.
        reader.Reset(ReadOnlySequence<byte>.Empty);
        _reader = reader;
    }
}
