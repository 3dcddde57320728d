using System.Net;
using Microsoft.Win32.SafeHandles;
using Steward.Cni.Types;
using Steward.Linux;
using Steward.Linux.Namespaces;
using Steward.Linux.Netlink;
using Steward.Linux.Rtnetlink;

namespace Steward.Cni.Plugins.Bridge;

internal sealed partial class BridgePlugin
{
    private const byte OperUp = 6; // IF_OPER_UP

    private static Link EnsureBridge(RtNetlink host, BridgeConfig conf, Stack<Action> undo)
    {
        var name = conf.BridgeName;
        if (host.FindLink(name) is null)
        {
            try
            {
                host.CreateLink(new BridgeSpec(name)
                {
                    Mtu = conf.Mtu > 0 ? conf.Mtu : null,
                    VlanFiltering = conf.Vlan != 0 ? true : null,
                });
                // Only a bridge this ADD created is removed on failure, and only while no other port uses it.
                undo.Push(() =>
                {
                    if (host.FindLink(name) is { } br && !host.GetLinks().Any(l => l.MasterIndex == br.Index))
                    {
                        host.DeleteLink(br.Index);
                    }
                });
            }
            catch (NetlinkException e) when (e.IsExists)
            {
                // Another ADD created it in the meantime.
            }
            catch (NetlinkException e)
            {
                throw new CniException(CniErrorCode.Internal, $"could not add \"{name}\": {e.Message}");
            }
        }
        var bridge = host.FindLink(name) ?? throw new CniException(CniErrorCode.Internal, $"could not lookup \"{name}\"");
        if (bridge.Kind != "bridge")
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, $"\"{name}\" already exists but is not a bridge");
        }

        if (conf.PromiscMode && !bridge.IsPromiscuous)
        {
            host.SetPromiscuous(bridge.Index, true);
        }
        // The plugin owns this bridge's routes; router advertisements must not add others.
        TrySysctl($"net/ipv6/conf/{name}/accept_ra", "0");
        host.SetUp(bridge.Index);
        return host.GetLink(bridge.Index);
    }

    private static (Link Host, Link Container) SetupVeth(RtNetlink host, RtNetlink container, SafeFileHandle hostNs,
        Link bridge, string ifName, BridgeConfig conf, Stack<Action> undo)
    {
        string? hostName = null;
        for (var attempt = 0; attempt < 10 && hostName is null; attempt++)
        {
            // Not a secret, only unlikely to collide (a collision is retried); RandomNumberGenerator would
            // load OpenSSL, which costs a plugin start-up more than the whole netlink work.
            var candidate = "veth" + Random.Shared.Next().ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
            try
            {
                // Created inside the container with the peer born in the host namespace, as the reference does.
                container.CreateLink(new VethSpec(ifName, candidate)
                {
                    Mtu = conf.Mtu > 0 ? conf.Mtu : null,
                    HardwareAddress = conf.Mac,
                    PeerNamespace = hostNs,
                });
                hostName = candidate;
            }
            catch (NetlinkException e) when (e.IsExists)
            {
                if (container.FindLink(ifName) is not null)
                {
                    throw ExistsInContainer(ifName);
                }

                if (host.FindLink(candidate) is null)
                {
                    throw new CniException(CniErrorCode.Internal, $"failed to make veth pair: {e.Message}");
                }
                // The random host-side name was taken: try another.
            }
            catch (NetlinkException e)
            {
                throw new CniException(CniErrorCode.Internal, $"failed to make veth pair: {e.Message}");
            }
        }
        if (hostName is null)
        {
            throw new CniException(CniErrorCode.Internal, "failed to make veth pair: no free host-side name after 10 tries");
        }

        undo.Push(() =>
        {
            if (container.FindLink(ifName) is { } l)
            {
                container.DeleteLink(l.Index);
            }
        });

        var containerVeth = container.GetLink(ifName);
        container.SetUp(containerVeth.Index);
        var hostVeth = host.GetLink(hostName);
        host.SetUp(hostVeth.Index);
        try
        {
            host.SetMaster(hostVeth.Index, bridge.Index);
        }
        catch (NetlinkException e)
        {
            throw new CniException(CniErrorCode.Internal, $"failed to connect \"{hostName}\" to bridge {bridge.Name}: {e.Message}");
        }
        try
        {
            host.SetHairpin(hostVeth.Index, conf.HairpinMode);
        }
        catch (NetlinkException e)
        {
            throw new CniException(CniErrorCode.Internal, $"failed to setup hairpin mode for {hostName}: {e.Message}");
        }
        if (conf.Vlan != 0)
        {
            try
            {
                host.AddBridgeVlan(hostVeth.Index, (ushort)conf.Vlan, pvid: true, untagged: true);
            }
            catch (NetlinkException e)
            {
                throw new CniException(CniErrorCode.Internal, $"failed to setup vlan tag {conf.Vlan} on {hostName}: {e.Message}");
            }
        }
        return (host.GetLink(hostVeth.Index), container.GetLink(containerVeth.Index));
    }

    /// <summary>Addresses and routes in the container, as the reference's ipam.ConfigureIface does it.</summary>
    private static void ConfigureContainer(SafeFileHandle containerNs, RtNetlink container, Link veth, CniResult result, BridgeConfig conf)
    {
        var ifName = veth.Name;
        var ips = result.Ips!;
        NetworkNamespace.RunOnCurrentThread(containerNs, () =>
        {
            TrySysctl($"net/ipv6/conf/{ifName}/accept_dad", conf.EnableDad ? "1" : "0");
            if (conf.EnableDad)
            {
                TrySysctl($"net/ipv6/conf/{ifName}/enhanced_dad", "1");
            }

            TrySysctl($"net/ipv4/conf/{ifName}/arp_notify", "1");
            if (ips.Any(ip => IPPrefix.Parse(ip.Address).IsIPv6))
            {
                TrySysctl($"net/ipv6/conf/{ifName}/disable_ipv6", "0");
            }

            return 0;
        });

        IPAddress? v4gw = null, v6gw = null;
        foreach (var ip in ips)
        {
            var prefix = IPPrefix.Parse(ip.Address);
            try
            {
                container.AddAddress(veth.Index, prefix, prefix.IsIPv6 && !conf.EnableDad ? AddressFlags.NoDad : 0);
            }
            catch (NetlinkException e)
            {
                throw new CniException(CniErrorCode.Internal, $"failed to add IP addr {ip.Address} to \"{ifName}\": {e.Message}");
            }
            if (ip.Gateway is { } g && IPAddress.TryParse(g, out var gw))
            {
                if (prefix.IsIPv6)
                {
                    v6gw ??= gw;
                }
                else
                {
                    v4gw ??= gw;
                }
            }
        }
        foreach (var r in result.Routes ?? [])
        {
            var dst = IPPrefix.Parse(r.Dst);
            var gw = r.Gw is { } text ? IPAddress.Parse(text) : dst.IsIPv6 ? v6gw : v4gw;
            try
            {
                container.AddRoute(new Route
                {
                    Family = dst.Family,
                    Destination = dst.PrefixLength == 0 ? null : dst,
                    Gateway = gw,
                    OutputInterface = veth.Index,
                    Priority = r.Priority is { } p ? (uint)p : null,
                });
            }
            catch (NetlinkException e)
            {
                throw new CniException(CniErrorCode.Internal, $"failed to add route '{r.Dst} via {gw} dev {ifName}': {e.Message}");
            }
        }
    }

    /// <summary>Waits, briefly, for the bridge port to come up, as the reference does before declaring the attachment ready.</summary>
    private static void WaitForPortUp(RtNetlink host, string name)
    {
        // Polled finely at first: a veth whose peer is up usually reports up within a few milliseconds,
        // and the ADD's latency is what a pod start waits for. Gives up after about 2.5 s, like the reference.
        Link? link = null;
        var waited = 0;
        for (var delay = 0; waited <= 2500; waited += delay, delay = waited < 100 ? 2 : 100)
        {
            Thread.Sleep(delay);
            link = host.GetLink(name);
            if (link.OperState == OperUp)
            {
                return;
            }
        }
        throw new CniException(CniErrorCode.Internal, $"bridge port in error state: operstate {link?.OperState}");
    }

    private static void EnsureBridgeAddress(RtNetlink host, Link bridge, IPPrefix gateway, bool force)
    {
        var wanted = gateway.ToString();
        foreach (var existing in host.GetAddresses(bridge.Index, gateway.Family))
        {
            if (existing.Prefix.ToString() == wanted)
            {
                return;
            }
            // IPv6 allows several addresses when their subnets do not overlap; IPv4 allows one.
            var overlaps = !gateway.IsIPv6
                || existing.Prefix.Network.Contains(gateway.Address) || gateway.Network.Contains(existing.Prefix.Address);
            if (!overlaps)
            {
                continue;
            }

            if (!force)
            {
                throw new CniException(CniErrorCode.Internal, $"\"{bridge.Name}\" already has an IP address different from {wanted}");
            }

            host.DeleteAddress(bridge.Index, existing.Prefix);
        }
        try
        {
            host.AddAddress(bridge.Index, gateway);
        }
        catch (NetlinkException e) when (e.IsExists)
        {
        }
        catch (NetlinkException e)
        {
            throw new CniException(CniErrorCode.Internal, $"could not add IP address to \"{bridge.Name}\": {e.Message}");
        }
        // Pin the bridge's MAC; otherwise it follows the lowest port MAC and changes as ports come and go.
        if (host.GetLink(bridge.Index).HardwareAddress is { } mac)
        {
            host.SetHardwareAddress(bridge.Index, mac);
        }
    }

    private static void TrySysctl(string key, string value)
    {
        try
        {
            Sysctl.Write(key, value);
        }
        catch (IOException)
        {
            // IPv6 disabled, or the knob absent on this kernel: the reference ignores these too.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>Gateways per family, worked out as the reference's calcGateways does.</summary>
internal sealed class Gateways
{
    public List<IPPrefix> V4 { get; } = [];
    public List<IPPrefix> V6 { get; } = [];
    public IEnumerable<IPPrefix> All => V4.Concat(V6);

    public static Gateways Compute(CniResult result, BridgeConfig conf)
    {
        var gws = new Gateways();
        bool v4Default = false, v6Default = false;
        result.Routes ??= [];
        foreach (var ip in result.Ips!)
        {
            if (!IPPrefix.TryParse(ip.Address, out var address))
            {
                throw new CniException(CniErrorCode.Internal, $"IPAM returned an invalid address \"{ip.Address}\"");
            }

            var v6 = address.IsIPv6;
            ip.Interface = 2; // every address is on the container's veth
            if (ip.Gateway is null && conf.IsGateway)
            {
                ip.Gateway = FirstHost(address).ToString();
            }

            if (conf.IsDefaultGateway && !(v6 ? v6Default : v4Default))
            {
                var any = v6 ? "::/0" : "0.0.0.0/0";
                if (!result.Routes.Any(r => r.Gw is not null && IPPrefix.TryParse(r.Dst, out var d) && d.PrefixLength == 0 && d.IsIPv6 == v6))
                {
                    result.Routes.Add(new CniRoute { Dst = any, Gw = ip.Gateway });
                }

                if (v6)
                {
                    v6Default = true;
                }
                else
                {
                    v4Default = true;
                }
            }
            if (conf.IsGateway && ip.Gateway is { } g)
            {
                (v6 ? gws.V6 : gws.V4).Add(new IPPrefix(IPAddress.Parse(g), address.PrefixLength));
            }
        }
        if (result.Routes.Count == 0)
        {
            result.Routes = null;
        }

        return gws;
    }

    /// <summary>The subnet's first host address (network + 1), the reference's default gateway.</summary>
    private static IPAddress FirstHost(IPPrefix prefix)
    {
        var bytes = prefix.Network.BaseAddress.GetAddressBytes();
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            if (++bytes[i] != 0)
            {
                break;
            }
        }
        return new IPAddress(bytes);
    }
}
