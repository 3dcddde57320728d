namespace Steward.Rpc.Thrift;

/// <summary>Thrift's wire type ids (TType), as the binary protocol writes them.</summary>
public enum ThriftType : byte
{
    Stop = 0,
    Void = 1,
    Bool = 2,
    Byte = 3,
    Double = 4,
    I16 = 6,
    I32 = 8,
    I64 = 10,
    String = 11,
    Struct = 12,
    Map = 13,
    Set = 14,
    List = 15,
    Uuid = 16,
}

/// <summary>TMessageType.</summary>
public enum ThriftMessageType : byte
{
    Call = 1,
    Reply = 2,
    Exception = 3,
    Oneway = 4,
}

/// <summary>The serialization protocols Steward speaks.</summary>
public enum ThriftProtocolKind
{
    Binary,
    Compact,
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
