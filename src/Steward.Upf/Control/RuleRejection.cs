using Steward.Pfcp.Wire;

namespace Steward.Upf.Control;

/// <summary>A request the UPF refuses: the cause and the IE to name in the response.</summary>
internal sealed class RuleRejection(PfcpCause cause, IeType? offendingIe, string message) : Exception(message)
{
    public PfcpCause Cause { get; } = cause;

    public IeType? OffendingIe { get; } = offendingIe;
}
