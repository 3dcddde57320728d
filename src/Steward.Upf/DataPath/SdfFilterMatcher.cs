using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Steward.Linux.Sockets;

namespace Steward.Upf.DataPath;

/// <summary>
/// An SDF filter's Flow Description (an IPFilterRule, RFC 6733 §4.3, as TS 29.212 §5.4.2 uses it)
/// parsed once into something a packet is matched against without parsing or allocating:
/// "permit out PROTO from SRC [PORTS] to DST [PORTS]", PROTO a number or "ip", SRC/DST "any",
/// "assigned" (the UE's address) or ADDR[/LEN], PORTS a comma list of ports and LO-HI ranges.
/// "out" describes the downlink (from the remote side to the UE); for uplink packets the two ends
/// are swapped, as TS 29.212 says. Options after the destination (frag, established, ...) and
/// "deny" rules are refused: the SMF learns the UPF could not install the rule.
/// </summary>
internal sealed class SdfFilterMatcher
{
    private readonly int _protocol; // -1: any ("ip")
    private readonly Endpoint _from;
    private readonly Endpoint _to;
    private readonly bool _describesUplink; // "in": from the UE toward the network

    private SdfFilterMatcher(int protocol, Endpoint from, Endpoint to, bool describesUplink)
    {
        _protocol = protocol;
        _from = from;
        _to = to;
        _describesUplink = describesUplink;
    }

    /// <summary>Parses a Flow Description; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static SdfFilterMatcher Parse(string flowDescription)
    {
        ArgumentNullException.ThrowIfNull(flowDescription);
        var tokens = flowDescription.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var i = 0;
        string Next(string what) => i < tokens.Length ? tokens[i++] : throw new FormatException($"'{flowDescription}' ends before its {what}");

        var action = Next("action");
        if (!action.Equals("permit", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"'{flowDescription}': only permit rules are supported, not '{action}'");
        }

        var direction = Next("direction").ToLowerInvariant();
        if (direction is not ("out" or "in"))
        {
            throw new FormatException($"'{flowDescription}': the direction must be in or out, not '{direction}'");
        }

        var protoText = Next("protocol");
        int protocol;
        if (protoText.Equals("ip", StringComparison.OrdinalIgnoreCase))
        {
            protocol = -1;
        }
        else if (!int.TryParse(protoText, NumberStyles.None, CultureInfo.InvariantCulture, out protocol) || protocol > 255)
        {
            throw new FormatException($"'{flowDescription}': '{protoText}' is not a protocol number or ip");
        }

        Expect(Next("'from'"), "from", flowDescription);
        var from = Endpoint.Parse(Next("source"), flowDescription);
        if (i < tokens.Length && !tokens[i].Equals("to", StringComparison.OrdinalIgnoreCase))
        {
            from = from.WithPorts(ParsePorts(tokens[i++], flowDescription));
        }

        Expect(Next("'to'"), "to", flowDescription);
        var to = Endpoint.Parse(Next("destination"), flowDescription);
        if (i < tokens.Length)
        {
            to = to.WithPorts(ParsePorts(tokens[i++], flowDescription));
        }

        if (i < tokens.Length)
        {
            throw new FormatException($"'{flowDescription}': option '{tokens[i]}' is not supported");
        }

        return new SdfFilterMatcher(protocol, from, to, direction == "in");
    }

    /// <summary>Whether the packet's flow matches; <paramref name="ueAddress"/> stands for "assigned" (0: any).</summary>
    public bool Matches(in Ipv4Flow flow, bool uplink, uint ueAddress)
    {
        if (_protocol >= 0 && flow.Protocol != _protocol)
        {
            return false;
        }

        // The filter's "from" end is the packet's source when the packet travels the way the
        // filter describes, its destination otherwise.
        return uplink == _describesUplink
            ? _from.Matches(flow.Source, flow.HasPorts, flow.SourcePort, ueAddress) && _to.Matches(flow.Destination, flow.HasPorts, flow.DestinationPort, ueAddress)
            : _from.Matches(flow.Destination, flow.HasPorts, flow.DestinationPort, ueAddress) && _to.Matches(flow.Source, flow.HasPorts, flow.SourcePort, ueAddress);
    }

    private static void Expect(string token, string expected, string text)
    {
        if (!token.Equals(expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"'{text}': expected '{expected}', found '{token}'");
        }
    }

    private static PortRange[] ParsePorts(string text, string rule)
    {
        var parts = text.Split(',');
        var ranges = new PortRange[parts.Length];
        for (var k = 0; k < parts.Length; k++)
        {
            var part = parts[k];
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var lo = ParsePort(dash < 0 ? part : part[..dash], rule);
            var hi = dash < 0 ? lo : ParsePort(part[(dash + 1)..], rule);
            if (hi < lo)
            {
                throw new FormatException($"'{rule}': port range '{part}' runs backwards");
            }

            ranges[k] = new PortRange(lo, hi);
        }

        return ranges;
    }

    private static ushort ParsePort(string text, string rule) =>
        ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : throw new FormatException($"'{rule}': '{text}' is not a port");

    private readonly record struct PortRange(ushort Low, ushort High);

    private sealed class Endpoint
    {
        private readonly bool _assigned;
        private readonly bool _never; // an IPv6 address: no IPv4 packet matches it
        private readonly uint _address;
        private readonly uint _mask;
        private readonly PortRange[]? _ports;

        private Endpoint(bool assigned, bool never, uint address, uint mask, PortRange[]? ports)
        {
            _assigned = assigned;
            _never = never;
            _address = address;
            _mask = mask;
            _ports = ports;
        }

        public static Endpoint Parse(string text, string rule)
        {
            if (text.Equals("any", StringComparison.OrdinalIgnoreCase))
            {
                return new Endpoint(false, false, 0, 0, null);
            }

            if (text.Equals("assigned", StringComparison.OrdinalIgnoreCase))
            {
                return new Endpoint(true, false, 0, 0, null);
            }

            var slash = text.IndexOf('/', StringComparison.Ordinal);
            if (!IPAddress.TryParse(slash < 0 ? text : text[..slash], out var address))
            {
                throw new FormatException($"'{rule}': '{text}' is not any, assigned or an address");
            }

            var maxBits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            var bits = maxBits;
            if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out bits) || bits > maxBits))
            {
                throw new FormatException($"'{rule}': '{text}' has a bad prefix length");
            }

            if (maxBits == 128)
            {
                return new Endpoint(false, true, 0, 0, null);
            }

            var mask = bits == 0 ? 0u : uint.MaxValue << (32 - bits);
            return new Endpoint(false, false, Ipv4Endpoint.ToUInt32(address) & mask, mask, null);
        }

        public Endpoint WithPorts(PortRange[] ports) => new(_assigned, _never, _address, _mask, ports);

        public bool Matches(uint address, bool hasPorts, ushort port, uint ueAddress)
        {
            if (_never)
            {
                return false;
            }

            if (_assigned ? ueAddress != 0 && address != ueAddress : (address & _mask) != _address)
            {
                return false;
            }

            if (_ports is null)
            {
                return true;
            }

            if (!hasPorts)
            {
                return false;
            }

            foreach (var range in _ports)
            {
                if (port >= range.Low && port <= range.High)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
