using System.Buffers;

namespace Steward.Rpc.Ice;

/// <summary>
/// A core <see cref="Marshaller{T}"/> for an Ice-encoded value: one encapsulation holding what the
/// writer writes. Every <see cref="Method{TRequest, TResponse}"/> needs marshallers; the Ice transport
/// itself uses the <see cref="IceOperation{TArgs, TResult}"/> codec, so these serve other transports
/// and tools that carry the value as opaque bytes.
/// </summary>
public static class IceMarshaller
{
    /// <summary>A marshaller writing <typeparamref name="T"/> with <paramref name="write"/> and reading it with <paramref name="read"/>.</summary>
    public static Marshaller<T> Create<T>(IceWriter<T> write, IceReader<T> read)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(read);
        return new EncapsulationMarshaller<T>(write, read);
    }

    private sealed class EncapsulationMarshaller<T>(IceWriter<T> write, IceReader<T> read) : Marshaller<T>
    {
        public override void Serialize(T value, IBufferWriter<byte> output)
        {
            var stream = new IceOutputStream();
            stream.StartEncapsulation();
            write(stream, value);
            stream.EndEncapsulation();
            output.Write(stream.WrittenSpan);
        }

        public override T Deserialize(ReadOnlySequence<byte> input)
        {
            var stream = new IceInputStream(input.ToArray());
            stream.StartEncapsulation();
            var value = read(stream);
            stream.EndEncapsulation();
            return value;
        }
    }
}
