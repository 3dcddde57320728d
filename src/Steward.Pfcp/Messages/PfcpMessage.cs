using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Messages;

/// <summary>
/// A PFCP message (3GPP TS 29.244 §7): the header fields a caller sets, and in each derived record the
/// IEs of one message type. The codec (<see cref="Codec.PfcpCodec"/>) writes and reads every one.
/// </summary>
public abstract record PfcpMessage
{
    private protected PfcpMessage()
    {
    }

    /// <summary>The message type this record is.</summary>
    public abstract PfcpMessageType MessageType { get; }

    /// <summary>24 bits: a response carries its request's number.</summary>
    public uint SequenceNumber { get; init; }
}

/// <summary>A node message (§7.4): its header carries no SEID.</summary>
public abstract record PfcpNodeMessage : PfcpMessage
{
    private protected PfcpNodeMessage()
    {
    }
}

/// <summary>A session message (§7.5): its header carries the receiver's SEID (0 in a Session Establishment Request).</summary>
public abstract record PfcpSessionMessage : PfcpMessage
{
    private protected PfcpSessionMessage()
    {
    }

    /// <summary>The SEID in the header: the one the receiver chose for the session.</summary>
    public ulong Seid { get; init; }

    /// <summary>0 (highest) to 15, when the sender sets a message priority (the MP flag).</summary>
    public byte? MessagePriority { get; init; }
}
