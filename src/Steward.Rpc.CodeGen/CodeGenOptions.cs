namespace Steward.Rpc.CodeGen;

/// <summary>Settings of one generation run, shared by every emitter.</summary>
public sealed class CodeGenOptions
{
    /// <summary>Overrides the C# namespace derived from the file (csharp_namespace / package).</summary>
    public string? Namespace { get; set; }

    /// <summary>Whether services get a client stub (<c>XxxClient</c>); true unless turned off.</summary>
    public bool GenerateClients { get; set; } = true;

    /// <summary>Whether services get a server base class (<c>XxxBase</c>); true unless turned off.</summary>
    public bool GenerateServers { get; set; } = true;

    /// <summary>Emit <c>internal</c> instead of <c>public</c> types.</summary>
    public bool InternalAccess { get; set; }

    /// <summary>
    /// Proto messages also implement Thrift's IThriftStruct (field number = field id) and unary
    /// methods carry a ThriftMethodCodec, so the service can be served and called over Thrift too.
    /// The generated code then needs a reference to Steward.Rpc.Thrift.
    /// </summary>
    public bool ThriftCodecs { get; set; }

    /// <summary>
    /// Proto messages also implement Ice's IIceStruct (members in field-number order, the encoding of the
    /// equivalent Slice struct) and unary methods carry an IceOperation, so the service can be served and
    /// called over Ice too. The generated code then needs a reference to Steward.Rpc.Ice.
    /// </summary>
    public bool IceCodecs { get; set; }

    /// <summary>
    /// Proto messages also implement CORBA's ICorbaStruct (members in field-number order, the CDR of the
    /// equivalent OMG IDL struct) and unary methods carry a CorbaOperation, so the service can be served and
    /// called over IIOP too. The generated code then needs a reference to Steward.Rpc.Corba.
    /// </summary>
    public bool CorbaCodecs { get; set; }
}
