using System.Net;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Node;

/// <summary>A request was sent 1 + N1 times, T1 apart, and no response came (TS 29.244 §6.4).</summary>
public sealed class PfcpTimeoutException : TimeoutException
{
    /// <summary>Creates the exception for a request that went unanswered.</summary>
    public PfcpTimeoutException(IPEndPoint peer, PfcpMessageType requestType, uint sequenceNumber, int attempts, TimeSpan t1)
        : base($"no response from {peer} to {requestType} (sequence number {sequenceNumber}) after {attempts} transmissions {t1.TotalMilliseconds:0} ms apart")
    {
        Peer = peer;
        RequestType = requestType;
        SequenceNumber = sequenceNumber;
        Attempts = attempts;
    }

    /// <summary>The peer that did not answer.</summary>
    public IPEndPoint Peer { get; }

    /// <summary>The request's type.</summary>
    public PfcpMessageType RequestType { get; }

    /// <summary>The request's sequence number.</summary>
    public uint SequenceNumber { get; }

    /// <summary>How many times the request was sent (1 + N1).</summary>
    public int Attempts { get; }
}
