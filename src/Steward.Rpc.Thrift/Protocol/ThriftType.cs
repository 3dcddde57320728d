namespace Steward.Rpc.Thrift;

/// <summary>Thrift's wire type ids (TType), as the binary protocol writes them.</summary>
public enum ThriftType : byte
{
    /// <summary>Ends a struct's fields; never a value.</summary>
    Stop = 0,
    /// <summary>No value; appears in no message.</summary>
    Void = 1,
    /// <summary>A boolean.</summary>
    Bool = 2,
    /// <summary>A signed 8-bit integer (Thrift's byte, also called i8).</summary>
    Byte = 3,
    /// <summary>A 64-bit IEEE 754 floating-point number.</summary>
    Double = 4,
    /// <summary>A signed 16-bit integer.</summary>
    I16 = 6,
    /// <summary>A signed 32-bit integer; enums travel as it.</summary>
    I32 = 8,
    /// <summary>A signed 64-bit integer.</summary>
    I64 = 10,
    /// <summary>A string (UTF-8) or binary value; the two share this id.</summary>
    String = 11,
    /// <summary>A struct, union or exception.</summary>
    Struct = 12,
    /// <summary>A map.</summary>
    Map = 13,
    /// <summary>A set.</summary>
    Set = 14,
    /// <summary>A list.</summary>
    List = 15,
    /// <summary>A UUID, 16 bytes.</summary>
    Uuid = 16,
}

/// <summary>TMessageType.</summary>
public enum ThriftMessageType : byte
{
    /// <summary>A request that expects a reply.</summary>
    Call = 1,
    /// <summary>A reply carrying the result struct.</summary>
    Reply = 2,
    /// <summary>A reply carrying a TApplicationException instead of a result.</summary>
    Exception = 3,
    /// <summary>A request that gets no reply.</summary>
    Oneway = 4,
}

/// <summary>The serialization protocols Steward speaks.</summary>
public enum ThriftProtocolKind
{
    /// <summary>TBinaryProtocol: fixed-size big-endian integers.</summary>
    Binary,
    /// <summary>TCompactProtocol: varints and field-id deltas.</summary>
    Compact,
    /// <summary>TJSONProtocol: the JSON form Apache Thrift writes.</summary>
    Json,
}

/// <summary>The start of every Thrift message.</summary>
public readonly record struct ThriftMessageHeader(string Name, ThriftMessageType Type, int SequenceId);

/// <summary>A field header; <see cref="Type"/> is <see cref="ThriftType.Stop"/> at the end of a struct.</summary>
public readonly record struct ThriftFieldHeader(ThriftType Type, short Id);

/// <summary>A list or set header.</summary>
public readonly record struct ThriftListHeader(ThriftType ElementType, int Count);

/// <summary>A map header.</summary>
public readonly record struct ThriftMapHeader(ThriftType KeyType, ThriftType ValueType, int Count);
