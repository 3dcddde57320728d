using System.Buffers;

namespace Steward.Rpc.Corba;

/// <summary>
/// A core <see cref="Marshaller{T}"/> for a CDR-encoded value: one little-endian encapsulation (GIOP 1.2, native
/// code sets) holding what the writer writes. Every <see cref="Method{TRequest, TResponse}"/> needs marshallers;
/// the GIOP transport itself uses the <see cref="CorbaOperation{TArgs, TResult}"/> codec, so these serve other
/// transports and tools that carry the value as opaque bytes.
/// </summary>
public static class CorbaMarshaller
{
    /// <summary>A marshaller writing <typeparamref name="T"/> with <paramref name="write"/> and reading it with <paramref name="read"/>.</summary>
    public static Marshaller<T> Create<T>(CdrWriter<T> write, CdrReader<T> read)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(read);
        return new EncapsulationMarshaller<T>(write, read);
    }

    private sealed class EncapsulationMarshaller<T>(CdrWriter<T> write, CdrReader<T> read) : Marshaller<T>
    {
        public override void Serialize(T value, IBufferWriter<byte> output)
        {
            var stream = new CdrOutputStream();
            stream.BeginEncapsulation();
            write(stream, value);
            stream.EndEncapsulation();
            output.Write(stream.WrittenSpan);
        }

        public override T Deserialize(ReadOnlySequence<byte> input)
        {
            var stream = new CdrInputStream(input.ToArray(), littleEndian: true, GiopVersion.V1_2, CodeSets.Native);
            return read(stream.ReadEncapsulation());
        }
    }
}
