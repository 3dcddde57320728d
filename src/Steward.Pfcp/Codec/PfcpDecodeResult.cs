using System.Diagnostics.CodeAnalysis;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Codec;

/// <summary>What a receiver must do with a message it could not decode (3GPP TS 29.244 §7.6).</summary>
public enum PfcpDecodeAction
{
    /// <summary>Drop it silently: too short for a header, an unknown message type, or a bad response (nothing answers a response).</summary>
    Discard,

    /// <summary>Answer the request with its response type carrying <see cref="PfcpDecodeError.Cause"/> (and the Offending IE, when set).</summary>
    Reject,

    /// <summary>Answer with a Version Not Supported Response (§7.6.2).</summary>
    AnswerVersionNotSupported,
}

/// <summary>Why a datagram did not decode, and what the receiver must answer.</summary>
public sealed record PfcpDecodeError
{
    /// <summary>What to do.</summary>
    public required PfcpDecodeAction Action { get; init; }

    /// <summary>
    /// The header as far as it was read: message type, SEID and sequence number to answer with when
    /// <see cref="Action"/> is <see cref="PfcpDecodeAction.Reject"/>; null if not even a header was there.
    /// </summary>
    public PfcpHeader? Header { get; init; }

    /// <summary>The cause a rejecting response carries (meaningless for <see cref="PfcpDecodeAction.Discard"/> of a short datagram).</summary>
    public PfcpCause Cause { get; init; }

    /// <summary>The IE to name in an Offending IE, for causes 66, 67, 69 and bounds crossed.</summary>
    public IeType? OffendingIe { get; init; }

    /// <summary>A sentence for the log.</summary>
    public required string Reason { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Action} ({Cause}{(OffendingIe is { } ie ? $", offending IE {ie}" : "")}): {Reason}";
}

/// <summary>The outcome of decoding one PFCP message: a message or an error, never both.</summary>
public readonly struct PfcpDecodeResult
{
    private PfcpDecodeResult(PfcpMessage? message, PfcpDecodeError? error, int consumed)
    {
        Message = message;
        Error = error;
        BytesConsumed = consumed;
    }

    /// <summary>The message, when it decoded.</summary>
    public PfcpMessage? Message { get; }

    /// <summary>Why it did not, otherwise.</summary>
    public PfcpDecodeError? Error { get; }

    /// <summary>Octets of the datagram this message took (its header's length), so a caller can go on to a bundled next one (FO flag).</summary>
    public int BytesConsumed { get; }

    /// <summary>Whether <see cref="Message"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Message is not null;

    /// <summary>A decoded message.</summary>
    public static PfcpDecodeResult Success(PfcpMessage message, int consumed) => new(message, null, consumed);

    /// <summary>A failure.</summary>
    public static PfcpDecodeResult Failure(PfcpDecodeError error, int consumed) => new(null, error, consumed);

    /// <inheritdoc/>
    public override string ToString() => IsSuccess ? Message.ToString() : Error.ToString();
}
