using System.Net;
using Steward.Cni.Invoke;
using Steward.Cni.Skel;
using Steward.Linux.Rtnetlink;

namespace Steward.Cni.Plugins.Bridge;

internal sealed partial class BridgePlugin
{
    /// <summary>Validates prevResult against the live state: bridge, container veth (MAC, addresses, routes) and its host peer on the bridge.</summary>
    public void Check(CniRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var conf = BridgeConfig.Load(request);
        using var containerNs = OpenNetns(request.Netns);
        if (conf.IsLayer3)
        {
            Ipam.ExecCheck(request);
        }

        var prev = request.Config.PrevResult()
            ?? throw new CniException(CniErrorCode.InvalidNetworkConfig, "Required prevResult missing");
        var interfaces = prev.Interfaces ?? [];
        var bridgeEntry = interfaces.FirstOrDefault(i => i.Name == conf.BridgeName);
        var containerIndex = interfaces.FindIndex(i => i.Name == request.IfName && i.Sandbox == request.Netns);
        if (containerIndex < 0)
        {
            throw Fail($"Sandbox in prevResult doesn't match configured netns: {request.Netns}", $"no interface \"{request.IfName}\" with that sandbox in prevResult");
        }

        var containerEntry = interfaces[containerIndex];

        using var host = RtNetlink.Open();
        var bridge = host.FindLink(conf.BridgeName) ?? throw Fail($"bridge \"{conf.BridgeName}\" not found");
        if (bridge.Kind != "bridge")
        {
            throw Fail($"\"{conf.BridgeName}\" is not a bridge");
        }

        if (bridgeEntry?.Mac is { } brMac && !SameMac(brMac, bridge))
        {
            throw Fail($"bridge interface {bridge.Name} Mac doesn't match: {brMac}", $"found {Mac(bridge)}");
        }

        if (conf.PromiscMode && !bridge.IsPromiscuous)
        {
            throw Fail($"bridge interface {bridge.Name} configured Promisc Mode doesn't match");
        }

        using var container = OpenRtNetlink(containerNs, request.Netns);
        var veth = container.FindLink(request.IfName) ?? throw Fail($"container interface {request.IfName} not found in {request.Netns}");
        if (veth.Kind != "veth")
        {
            throw Fail($"container interface {veth.Name} of type {veth.Kind ?? "(none)"} must be veth");
        }

        if (containerEntry.Mac is { } cMac && !SameMac(cMac, veth))
        {
            throw Fail($"Interface {veth.Name} Mac {cMac} doesn't match container Mac: {Mac(veth)}");
        }

        var addresses = container.GetAddresses(veth.Index);
        foreach (var ip in prev.Ips ?? [])
        {
            if (ip.Interface is { } idx && idx != containerIndex)
            {
                continue;
            }

            var want = IPPrefix.Parse(ip.Address);
            if (!addresses.Any(a => a.Prefix == want))
            {
                throw Fail($"Failed to match addr {ip.Address} on interface {veth.Name}");
            }
        }
        var routes = container.GetRoutes();
        foreach (var r in prev.Routes ?? [])
        {
            var dst = IPPrefix.Parse(r.Dst);
            var gw = r.Gw is { } g ? IPAddress.Parse(g) : null;
            var found = routes.Any(live =>
                (dst.PrefixLength == 0 ? live.IsDefault && live.Family == dst.Family : live.Destination is { } d && d.Network.Equals(dst.Network))
                && (gw is null || gw.Equals(live.Gateway)));
            if (!found)
            {
                throw Fail($"Failed to find a route for {r.Dst}{(gw is null ? "" : $" via {gw}")} in the container");
            }
        }

        // The host end: a veth on the bridge whose index is the container end's peer.
        foreach (var entry in interfaces)
        {
            if (entry.Sandbox is { Length: > 0 } || entry.Name == conf.BridgeName)
            {
                continue;
            }

            if (host.FindLink(entry.Name) is not { } hostVeth || hostVeth.Kind != "veth")
            {
                continue;
            }

            if (hostVeth.Index != veth.ParentIndex)
            {
                continue;
            }

            if (hostVeth.MasterIndex != bridge.Index)
            {
                throw Fail($"Interface {hostVeth.Name} not attached to bridge {bridge.Name}");
            }

            if (entry.Mac is { } hMac && !SameMac(hMac, hostVeth))
            {
                throw Fail($"Interface {hostVeth.Name} Mac {hMac} doesn't match: {Mac(hostVeth)}");
            }

            return;
        }
        throw Fail("Could not find matching veth interface");
    }

    private static bool SameMac(string text, Link link) =>
        string.Equals(text, Mac(link), StringComparison.OrdinalIgnoreCase);

    private static CniException Fail(string msg, string? details = null) => new(CniErrorCode.Internal, msg, details);
}
