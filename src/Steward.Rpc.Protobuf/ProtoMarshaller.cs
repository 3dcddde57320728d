using System.Buffers;

namespace Steward.Rpc.Protobuf;

/// <summary>Carries generated protobuf messages over any Steward transport (gRPC uses it for every method).</summary>
public sealed class ProtoMarshaller<T> : Marshaller<T> where T : class, IProtoMessage
{
    private readonly Func<T> _factory;

    public ProtoMarshaller(Func<T> factory, ProtoReaderOptions? options = null)
    {
        _factory = factory ?? throw new ArgumentNullException(nameof(factory));
        Options = options ?? ProtoReaderOptions.Default;
    }

    public ProtoReaderOptions Options { get; }

    /// <summary>The same marshaller with other decoding limits (e.g. a server's maximum message size).</summary>
    public ProtoMarshaller<T> WithOptions(ProtoReaderOptions options) => new(_factory, options);

    public override void Serialize(T value, IBufferWriter<byte> output) => ProtoMessage.WriteTo(value, output);

    public override T Deserialize(ReadOnlySequence<byte> input) => ProtoMessage.Parse(_factory(), input, Options);

    public override int GetSerializedSize(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.CalculateSize();
    }
}
