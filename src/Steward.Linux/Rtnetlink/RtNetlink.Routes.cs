using System.Net;
using System.Runtime.CompilerServices;
using Steward.Linux.Netlink;

namespace Steward.Linux.Rtnetlink;

public sealed partial class RtNetlink
{
    private const uint RouteCloned = 0x200;

    /// <summary>Routes of one table (main by default; null for all) and family (both by default).</summary>
    public IReadOnlyList<Route> GetRoutes(byte family = Netlink.AddressFamily.Unspecified, uint? table = Route.MainTable)
    {
        var w = new NetlinkMessageWriter(NetlinkMessageType.GetRoute, NetlinkFlags.Dump);
        w.WriteStruct(new RouteMessage { Family = family });
        var all = _socket.Dump(w, ParseRoute);
        return table is { } t ? all.FindAll(r => r.Table == t) : all;
    }

    /// <summary>Adds a route; EEXIST when an equal one is there.</summary>
    public void AddRoute(Route route) => Execute(RouteRequest(NetlinkMessageType.NewRoute, NetlinkFlags.Create | NetlinkFlags.Exclusive, route));
    /// <summary>Adds the route or replaces the one with the same destination, table and metric.</summary>
    public void ReplaceRoute(Route route) => Execute(RouteRequest(NetlinkMessageType.NewRoute, NetlinkFlags.Create | NetlinkFlags.Replace, route));
    /// <summary>Deletes the route that matches <paramref name="route"/>, whatever its scope.</summary>
    public void DeleteRoute(Route route) => Execute(RouteRequest(NetlinkMessageType.DelRoute, NetlinkFlags.None, route));

    private static NetlinkMessageWriter RouteRequest(ushort type, NetlinkFlags flags, Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var family = route.Family != 0 ? route.Family
            : route.Destination is { } d ? d.Family
            : route.Gateway is { } g ? FamilyOf(g)
            : throw new ArgumentException("a route without destination or gateway needs Family", nameof(route));
        var delete = type == NetlinkMessageType.DelRoute;
        // A route with no gateway is on-link, which is what `ip route add X dev Y` means.
        var scope = delete ? RouteScope.Nowhere
            : route.Scope == RouteScope.Universe && route.Gateway is null && route.Type == RouteType.Unicast ? RouteScope.Link : route.Scope;
        var w = new NetlinkMessageWriter(type, flags);
        w.WriteStruct(new RouteMessage
        {
            Family = family,
            DestinationLength = (byte)(route.Destination?.PrefixLength ?? 0),
            Table = route.Table < 256 ? (byte)route.Table : (byte)0,
            Protocol = delete ? (byte)0 : route.Protocol,
            Scope = scope,
            Type = route.Type,
            Flags = route.Flags,
        });
        if (route.Destination is { PrefixLength: > 0 } dst)
        {
            w.WriteAddress(Rt.RtaDst, dst.Network.BaseAddress);
        }

        if (route.Gateway is { } gw)
        {
            w.WriteAddress(Rt.RtaGateway, gw);
        }

        if (route.OutputInterface is { } oif)
        {
            w.WriteU32(Rt.RtaOif, (uint)oif);
        }

        if (route.Priority is { } prio)
        {
            w.WriteU32(Rt.RtaPriority, prio);
        }

        if (route.PreferredSource is { } src)
        {
            w.WriteAddress(Rt.RtaPrefSrc, src);
        }

        if (route.Table > byte.MaxValue) // rtm_table is a byte; larger table ids travel in RTA_TABLE
        {
            w.WriteU32(Rt.RtaTable, route.Table);
        }

        return w;
    }

    internal static Route? ParseRoute(in NetlinkHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.Type != NetlinkMessageType.NewRoute)
        {
            return null;
        }

        var msg = NetlinkValue.ReadStruct<RouteMessage>(payload, "rtmsg");
        if ((msg.Flags & RouteCloned) != 0)
        {
            return null;
        }

        IPAddress? dst = null, gateway = null, prefsrc = null;
        int? oif = null;
        uint? priority = null;
        uint table = msg.Table;
        var attrs = new NetlinkAttributeReader(payload[Unsafe.SizeOf<RouteMessage>()..]);
        while (attrs.TryRead(out var type, out var v))
        {
            switch (type)
            {
                case Rt.RtaDst: dst = NetlinkValue.Address(v, "RTA_DST"); break;
                case Rt.RtaGateway: gateway = NetlinkValue.Address(v, "RTA_GATEWAY"); break;
                case Rt.RtaOif: oif = NetlinkValue.I32(v, "RTA_OIF"); break;
                case Rt.RtaPriority: priority = NetlinkValue.U32(v, "RTA_PRIORITY"); break;
                case Rt.RtaPrefSrc: prefsrc = NetlinkValue.Address(v, "RTA_PREFSRC"); break;
                case Rt.RtaTable: table = NetlinkValue.U32(v, "RTA_TABLE"); break;
            }
        }
        var maxLength = msg.Family == Netlink.AddressFamily.Inet6 ? 128 : 32;
        if (msg.DestinationLength > maxLength)
        {
            throw new NetlinkFormatException($"rtmsg destination length {msg.DestinationLength} exceeds {maxLength}");
        }

        IPPrefix? destination = dst is not null ? new IPPrefix(dst, msg.DestinationLength) : null;
        return new Route
        {
            Family = msg.Family,
            Destination = destination,
            Gateway = gateway,
            OutputInterface = oif,
            PreferredSource = prefsrc,
            Priority = priority,
            Table = table,
            Protocol = msg.Protocol,
            Scope = msg.Scope,
            Type = msg.Type,
            Flags = msg.Flags,
        };
    }
}
