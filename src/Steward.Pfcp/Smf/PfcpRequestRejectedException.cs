using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Smf;

/// <summary>The peer answered a request with a cause other than acceptance.</summary>
public sealed class PfcpRequestRejectedException(PfcpMessageType requestType, PfcpCause cause, IeType? offendingIe)
    : Exception($"{requestType} rejected: {cause} ({(byte)cause}){(offendingIe is { } ie ? $", offending IE {ie} ({(ushort)ie})" : "")}")
{
    /// <summary>The request that was refused.</summary>
    public PfcpMessageType RequestType { get; } = requestType;

    /// <summary>The cause the peer gave.</summary>
    public PfcpCause Cause { get; } = cause;

    /// <summary>The IE the peer named, if any.</summary>
    public IeType? OffendingIe { get; } = offendingIe;
}
