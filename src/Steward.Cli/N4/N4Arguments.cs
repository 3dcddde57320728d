using System.Globalization;
using System.Net;
using Steward.Pfcp.Ies;

namespace Steward.Cli.N4;

/// <summary>How the N4 commands read addresses and node ids from their options.</summary>
internal static class N4Arguments
{
    public const int PfcpPort = 8805;

    /// <summary>ADDR or ADDR:PORT ([v6]:PORT for IPv6); the PFCP port when none is given.</summary>
    public static IPEndPoint ParseEndPoint(string text, int defaultPort = PfcpPort)
    {
        if (IPAddress.TryParse(text, out var address))
        {
            return new IPEndPoint(address, defaultPort);
        }

        if (IPEndPoint.TryParse(text, out var endPoint))
        {
            return endPoint;
        }

        throw new FormatException($"'{text}' is not an address or address:port");
    }

    /// <summary>An address as a Node ID of type IPv4/IPv6; anything else as an FQDN.</summary>
    public static NodeId ParseNodeId(string text) =>
        IPAddress.TryParse(text, out var address) ? NodeId.FromAddress(address) : NodeId.FromFqdn(text);

    /// <summary>A TEID: decimal or 0x-prefixed hexadecimal.</summary>
    public static uint ParseTeid(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : uint.Parse(text, CultureInfo.InvariantCulture);
}
