namespace Steward.Rpc.Thrift;

/// <summary>Readers and writers by protocol kind (a transport picks the protocol at run time).</summary>
public static class ThriftProtocols
{
    /// <summary>A new reader of <paramref name="kind"/>, bounded by <paramref name="limits"/> (default: <see cref="ThriftLimits.Default"/>).</summary>
    public static ThriftReader CreateReader(ThriftProtocolKind kind, ThriftLimits? limits = null) => kind switch
    {
        ThriftProtocolKind.Binary => new ThriftBinaryReader(limits),
        ThriftProtocolKind.Compact => new ThriftCompactReader(limits),
        ThriftProtocolKind.Json => new ThriftJsonReader(limits),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown Thrift protocol."),
    };

    /// <summary>A new writer of <paramref name="kind"/>.</summary>
    public static ThriftWriter CreateWriter(ThriftProtocolKind kind) => kind switch
    {
        ThriftProtocolKind.Binary => new ThriftBinaryWriter(),
        ThriftProtocolKind.Compact => new ThriftCompactWriter(),
        ThriftProtocolKind.Json => new ThriftJsonWriter(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown Thrift protocol."),
    };
}
