namespace Steward.Rpc.Ice;

/// <summary>
/// Bytes that break the Ice protocol (Ice::ProtocolException): a bad header, an unknown message type,
/// an unsupported protocol or encoding. The connection that carried them is closed.
/// </summary>
public class IceProtocolException : Exception
{
    /// <summary>An exception saying what was wrong.</summary>
    public IceProtocolException(string message) : base(message) { }

    /// <summary>An exception saying what was wrong, caused by <paramref name="inner"/>.</summary>
    public IceProtocolException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// Bytes that do not decode as the Ice encoding says they must (Ice::MarshalException): a size past the
/// data, invalid UTF-8, an enumerator out of range, an encapsulation whose size does not match.
/// </summary>
public class IceMarshalException : IceProtocolException
{
    /// <summary>An exception saying what was wrong.</summary>
    public IceMarshalException(string message) : base(message) { }

    /// <summary>An exception saying what was wrong, caused by <paramref name="inner"/>.</summary>
    public IceMarshalException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A message or value past a limit of <see cref="IceLimits"/> (Ice::MemoryLimitException).</summary>
public sealed class IceMemoryLimitException : IceMarshalException
{
    /// <summary>An exception saying which limit was passed.</summary>
    public IceMemoryLimitException(string message) : base(message) { }
}
