using System.Buffers;
using Steward.Pfcp.Messages;

namespace Steward.Pfcp.Codec;

/// <summary>Writes and reads PFCP messages (3GPP TS 29.244 §7, §8).</summary>
public static partial class PfcpCodec
{
    /// <summary>Octets <paramref name="message"/> takes on the wire, header included.</summary>
    public static int GetEncodedLength(PfcpMessage message) => throw new NotImplementedException();

    /// <summary>Writes <paramref name="message"/> into <paramref name="destination"/>; returns the octets written. Throws if it does not fit.</summary>
    public static int Encode(PfcpMessage message, Span<byte> destination) => throw new NotImplementedException();

    /// <summary>Writes <paramref name="message"/> to <paramref name="writer"/>.</summary>
    public static void Encode(PfcpMessage message, IBufferWriter<byte> writer) => throw new NotImplementedException();

    /// <summary>The encoding of <paramref name="message"/> in a new array.</summary>
    public static byte[] Encode(PfcpMessage message) => throw new NotImplementedException();

    /// <summary>
    /// Reads the first PFCP message of <paramref name="datagram"/>. Never throws on bad input: the result
    /// is a message or an error saying what the receiver must answer.
    /// </summary>
    public static PfcpDecodeResult Decode(ReadOnlySpan<byte> datagram, PfcpLimits? limits = null) => throw new NotImplementedException();
}
