using Microsoft.Win32.SafeHandles;
using Steward.Cni.Invoke;
using Steward.Cni.Skel;
using Steward.Cni.Types;
using Steward.Linux.Namespaces;
using Steward.Linux.Rtnetlink;

namespace Steward.Cni.Plugins.Bridge;

/// <summary>
/// The reference bridge plugin's behaviour on Steward's Linux layer: a Linux bridge on the host,
/// a veth pair per container with the host end on the bridge, addresses from the delegated IPAM
/// plugin, the gateway address on the bridge, forwarding and masquerade. A failed ADD undoes
/// what it did; DEL is idempotent.
/// </summary>
internal sealed partial class BridgePlugin : ICniPlugin
{
    public string About => "Steward bridge plugin";

    public CniResult Add(CniRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var conf = BridgeConfig.Load(request);
        if (conf.MacSpoofCheck)
        {
            throw new CniException(CniErrorCode.UnsupportedField, "macspoofchk is not supported",
                "this bridge plugin does not program nftables MAC filters; remove \"macspoofchk\" from the config");
        }

        using var containerNs = OpenNetns(request.Netns);
        using var container = OpenRtNetlink(containerNs, request.Netns);
        // Checked before anything is created so that this error leaves nothing behind.
        if (container.FindLink(request.IfName) is not null)
        {
            throw ExistsInContainer(request.IfName);
        }

        using var hostNs = NetworkNamespace.OpenCurrent();
        using var host = RtNetlink.Open();
        var undo = new Stack<Action>();
        IpamLease? lease = null;
        try
        {
            var bridge = EnsureBridge(host, conf, undo);
            var (hostVeth, containerVeth) = SetupVeth(host, container, hostNs, bridge, request.IfName, conf, undo);
            var result = new CniResult
            {
                CniVersion = CniVersions.Current,
                Interfaces =
                [
                    new CniInterface { Name = bridge.Name, Mac = Mac(bridge) },
                    new CniInterface { Name = hostVeth.Name, Mac = Mac(hostVeth) },
                    new CniInterface { Name = containerVeth.Name, Mac = Mac(containerVeth), Sandbox = request.Netns },
                ],
            };

            if (conf.IsLayer3)
            {
                lease = Ipam.Acquire(request);
                var ipam = lease.Result;
                result.Ips = ipam.Ips?.Select(ip => new CniIpConfig { Address = ip.Address, Gateway = ip.Gateway }).ToList() ?? [];
                result.Routes = ipam.Routes?.ToList();
                result.Dns = ipam.Dns;
                if (result.Ips.Count == 0)
                {
                    throw new CniException(CniErrorCode.Internal, "IPAM plugin returned missing IP config");
                }

                var gateways = Gateways.Compute(result, conf);
                ConfigureContainer(containerNs, container, containerVeth, result, conf);
                WaitForPortUp(host, hostVeth.Name);

                if (conf.IsGateway)
                {
                    foreach (var gw in gateways.All)
                    {
                        EnsureBridgeAddress(host, bridge, gw, conf.ForceAddress);
                    }

                    if (gateways.V4.Count > 0)
                    {
                        Steward.Linux.Sysctl.Ensure("net.ipv4.ip_forward", "1");
                    }

                    if (gateways.V6.Count > 0)
                    {
                        Steward.Linux.Sysctl.Ensure("net.ipv6.conf.all.forwarding", "1");
                    }
                }

                if (conf.IpMasq)
                {
                    var chain = IpMasq.ChainName(conf.Name, request.ContainerId);
                    var comment = IpMasq.Comment(conf.Name, request.ContainerId);
                    undo.Push(() => IpMasq.Teardown(chain, comment));
                    foreach (var ip in result.Ips)
                    {
                        IpMasq.Setup(IPPrefix.Parse(ip.Address), chain, comment);
                    }
                }
            }

            // The bridge's MAC can change when its first port joins or its address is set.
            result.Interfaces[0].Mac = Mac(host.GetLink(bridge.Index));
            if (conf.Dns is not null)
            {
                result.Dns = conf.Dns;
            }

            lease?.Commit();
            return result;
        }
        catch
        {
            while (undo.TryPop(out var step))
            {
                try
                {
                    step();
                }
#pragma warning disable CA1031 // undo is best effort; the original failure is what the runtime must see
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            }
            lease?.Dispose(); // IPAM DEL
            throw;
        }
    }

    public void Del(CniRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var conf = BridgeConfig.Load(request);
        // Gone already (or never given): nothing left in the container to clean; IPAM and NAT still are.
        if (request.Netns.Length > 0 && TryOpenNetns(request.Netns) is { } ns)
        {
            using (ns)
            using (var container = NetworkNamespace.OpenRtNetlink(ns))
            {
                if (container.FindLink(request.IfName) is { } link)
                {
                    try
                    {
                        // Deleting one end of a veth removes the other end from the host bridge too.
                        container.DeleteLink(link.Index);
                    }
                    catch (Steward.Linux.Netlink.NetlinkException e) when (e.IsNotFound)
                    {
                    }
                }
            }
        }
        if (conf.IsLayer3)
        {
            Ipam.ExecDel(request);
            if (conf.IpMasq)
            {
                IpMasq.Teardown(IpMasq.ChainName(conf.Name, request.ContainerId), IpMasq.Comment(conf.Name, request.ContainerId));
            }
        }
    }

    public void Status(CniRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BridgeConfig.Load(request).IsLayer3)
        {
            Ipam.ExecStatus(request);
        }
    }

    public void Gc(CniRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BridgeConfig.Load(request).IsLayer3)
        {
            Ipam.ExecGc(request);
        }
    }

    private static SafeFileHandle OpenNetns(string path)
    {
        try
        {
            return NetworkNamespace.Open(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new CniException(CniErrorCode.InvalidNetns, $"failed to open netns \"{path}\"", e.Message);
        }
    }

    /// <summary>The container's rtnetlink socket; a path that exists but is not a namespace fails setns (EINVAL) here.</summary>
    private static RtNetlink OpenRtNetlink(SafeFileHandle netns, string path)
    {
        try
        {
            return NetworkNamespace.OpenRtNetlink(netns);
        }
        catch (IOException e)
        {
            throw new CniException(CniErrorCode.InvalidNetns, $"failed to open netns \"{path}\"", e.Message);
        }
    }

    private static SafeFileHandle? TryOpenNetns(string path)
    {
        try
        {
            return NetworkNamespace.Open(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    internal static string? Mac(Link link) =>
        link.HardwareAddress is { } mac ? string.Join(':', mac.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))) : null;

    private static CniException ExistsInContainer(string ifName) =>
        new(CniErrorCode.InvalidEnvironment, $"container veth name provided ({ifName}) already exists",
            $"CNI_IFNAME \"{ifName}\" names an interface that is already in the container's network namespace");
}
