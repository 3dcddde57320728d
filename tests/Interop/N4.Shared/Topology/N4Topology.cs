using System.Net;
using Steward.Linux;
using Steward.Linux.Namespaces;
using Steward.Linux.Rtnetlink;

namespace Steward.N4.Testing;

/// <summary>
/// Three network namespaces for the N4 end-to-end tests and the benchmark, named with one random suffix:
/// <code>
///  gNB ns                       UPF ns                                   DN ns
///  ue0 (TUN, UE 10.45.0.2)      upf-n6 (TUN the UPF opens, 10.45/16 →)
///  n3 10.100.0.1/24 ── veth ── n3 10.100.0.2/24   n6 10.200.0.1/24 ── veth ── n6 10.200.0.2/24 (route 10.45/16 via .1)
/// </code>
/// The UPF namespace forwards (ip_forward on). With <c>kernelPath</c> there is no UPF at all: the UE address sits on a
/// loopback of the gNB namespace, routed over N3 to the UPF namespace, whose kernel forwards plain IP to the DN
/// and routes the UE pool back over N3 — the limit a user-space UPF is measured against.
/// Built with Steward.Linux (namespaces, rtnetlink, sysctl); iproute2 only for route MTUs, which it does not set.
/// </summary>
internal sealed class N4Topology : IDisposable
{
    public static readonly IPAddress GnbN3Address = IPAddress.Parse("10.100.0.1");
    public static readonly IPAddress UpfN3Address = IPAddress.Parse("10.100.0.2");
    public static readonly IPAddress UpfN6Address = IPAddress.Parse("10.200.0.1");
    public static readonly IPAddress DnHostAddress = IPAddress.Parse("10.200.0.2");
    public static readonly IPAddress UeAddress = IPAddress.Parse("10.45.0.2");
    public static readonly IPPrefix UePool = IPPrefix.Parse("10.45.0.0/16");
    public static readonly IPPrefix DnNetwork = IPPrefix.Parse("10.200.0.0/24");

    /// <summary>The veth between the gNB and the UPF (same name in both namespaces).</summary>
    public const string N3Link = "n3";
    /// <summary>The veth between the UPF and the DN (same name in both namespaces).</summary>
    public const string N6Link = "n6";
    /// <summary>The TUN device the UPF opens as its N6 side (`steward upf run --n6 upf-n6`).</summary>
    public const string UpfTun = "upf-n6";
    /// <summary>The UE's TUN device in the gNB namespace (opened by the gNB simulator), (unused by the kernel path).</summary>
    public const string UeLink = "ue0";
    /// <summary>The UE's MTU on both paths: room for the GTP-U, UDP, IPv4 and PDU Session Container headers on a 1500-byte N3.</summary>
    public const int UeMtu = 1400;

    private static readonly TimeSpan LinkWait = TimeSpan.FromSeconds(15);
    private bool _disposed;

    private N4Topology(string suffix, bool kernelPath)
    {
        Suffix = suffix;
        KernelPath = kernelPath;
        Gnb = $"n4-gnb-{suffix}";
        Upf = $"n4-upf-{suffix}";
        Dn = $"n4-dn-{suffix}";
    }

    public string Suffix { get; }
    public bool KernelPath { get; }
    /// <summary>The gNB namespace's name (for `ip netns exec`); its path is /run/netns/NAME.</summary>
    public string Gnb { get; }
    public string Upf { get; }
    public string Dn { get; }

    public static string PathOf(string netns) => $"/run/netns/{netns}";

    /// <summary>Builds the namespaces and links (needs root). Throws, after removing what it made, on failure.</summary>
    public static N4Topology Create(bool kernelPath = false, string? suffix = null)
    {
        var topology = new N4Topology(suffix ?? Guid.NewGuid().ToString("N")[..6], kernelPath);
        try
        {
            topology.Build();
            return topology;
        }
        catch
        {
            topology.Dispose();
            throw;
        }
    }

    /// <summary>The topology another process built with <paramref name="suffix"/>, to route into or remove.</summary>
    public static N4Topology Attach(string suffix, bool kernelPath = false) => new(suffix, kernelPath);

    /// <summary>Removes the three namespaces of <paramref name="suffix"/> (and with them every link in them).</summary>
    public static void Remove(string suffix) => new N4Topology(suffix, kernelPath: false).Dispose();

    private void Build()
    {
        NetworkNamespace.Create(Gnb);
        NetworkNamespace.Create(Upf);
        NetworkNamespace.Create(Dn);
        foreach (var ns in new[] { Gnb, Upf, Dn })
        {
            // IPv4 only: no router solicitations or MLD reports from new links in the captures or the usage counts.
            NetworkNamespace.Run(PathOf(ns), () =>
            {
                Sysctl.Write("net.ipv6.conf.all.disable_ipv6", "1");
                Sysctl.Write("net.ipv6.conf.default.disable_ipv6", "1");
            });
        }
        using var gnbNs = NetworkNamespace.Open(PathOf(Gnb));
        using var upfNs = NetworkNamespace.Open(PathOf(Upf));
        using var dnNs = NetworkNamespace.Open(PathOf(Dn));
        using var gnb = NetworkNamespace.OpenRtNetlink(gnbNs);
        using var upf = NetworkNamespace.OpenRtNetlink(upfNs);
        using var dn = NetworkNamespace.OpenRtNetlink(dnNs);

        gnb.CreateLink(new VethSpec(N3Link, N3Link) { PeerNamespace = upfNs });
        upf.CreateLink(new VethSpec(N6Link, N6Link) { PeerNamespace = dnNs });
        foreach (var (rt, link, address) in new[]
        {
            (gnb, N3Link, GnbN3Address), (upf, N3Link, UpfN3Address), (upf, N6Link, UpfN6Address), (dn, N6Link, DnHostAddress),
        })
        {
            var index = rt.GetLink(link).Index;
            rt.AddAddress(index, new IPPrefix(address, 24));
            rt.SetUp(index);
        }
        foreach (var rt in new[] { gnb, upf, dn })
        {
            rt.SetUp(rt.GetLink("lo").Index);
        }
        NetworkNamespace.Run(upfNs, () => Sysctl.Write("net.ipv4.ip_forward", "1"));
        dn.AddRoute(new Route { Destination = UePool, Gateway = UpfN6Address });

        if (KernelPath)
        {
            // The UE address on the loopback: the kernel here has no dummy driver, and lo needs no peer.
            gnb.AddAddress(gnb.GetLink("lo").Index, new IPPrefix(UeAddress, 32));
            upf.AddRoute(new Route { Destination = UePool, Gateway = GnbN3Address });
            // The UE's packets leave over N3 with its address as source and the same MTU the tunnel gives it.
            PeerTool.RunChecked("ip", ["-n", Gnb, "route", "add", DnNetwork.ToString(), "via", UpfN3Address.ToString(),
                "src", UeAddress.ToString(), "mtu", UeMtu.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
    }

    /// <summary>
    /// Once the UPF has opened its TUN device <paramref name="tun"/>: brings it up and routes the UE pool into it, so
    /// the DN's replies reach the UPF's downlink. Waits for the device to appear.
    /// </summary>
    public void RouteUePoolIntoUpf(string tun = UpfTun)
    {
        using var upf = NetworkNamespace.OpenRtNetlink(PathOf(Upf));
        var link = WaitForLink(upf, tun, Upf);
        upf.SetUp(link.Index);
        upf.ReplaceRoute(new Route { Destination = UePool, OutputInterface = link.Index, Scope = RouteScope.Link });
    }

    /// <summary>
    /// Once the gNB simulator has opened the UE's TUN device <paramref name="tun"/>: gives it the UE address (if it has
    /// none) and the UE MTU, brings it up and routes the DN network into it, so the UE's packets are tunnelled.
    /// </summary>
    public void RouteDnThroughUe(string tun = UeLink)
    {
        using var gnb = NetworkNamespace.OpenRtNetlink(PathOf(Gnb));
        var link = WaitForLink(gnb, tun, Gnb);
        if (!gnb.GetAddresses(link.Index).Any(a => a.Prefix.Address.Equals(UeAddress)))
        {
            gnb.AddAddress(link.Index, new IPPrefix(UeAddress, 32));
        }
        gnb.SetMtu(link.Index, UeMtu);
        gnb.SetUp(link.Index);
        gnb.ReplaceRoute(new Route { Destination = DnNetwork, OutputInterface = link.Index, Scope = RouteScope.Link, PreferredSource = UeAddress });
    }

    private static Link WaitForLink(RtNetlink rt, string name, string netns)
    {
        var deadline = DateTime.UtcNow + LinkWait;
        while (true)
        {
            if (rt.FindLink(name) is { } link)
            {
                return link;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"no link {name} appeared in {netns} within {LinkWait.TotalSeconds} s");
            }
            Thread.Sleep(50);
        }
    }

    /// <summary>Runs a command inside one of the namespaces (`ip netns exec`).</summary>
    public static ToolResult Exec(string netns, string file, params string[] args) => PeerTool.Run(file, args, netns: netns);

    /// <summary>`ping -c COUNT` from the gNB namespace with the UE address as source to the DN host; true if every echo was answered.</summary>
    public bool PingDnFromUe(int count = 3, int payloadSize = 56)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var result = Exec(Gnb, "ping", "-c", count.ToString(inv), "-i", "0.2", "-W", "2", "-s", payloadSize.ToString(inv),
            "-I", UeAddress.ToString(), DnHostAddress.ToString());
        return result.ExitCode == 0;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        foreach (var ns in new[] { Gnb, Upf, Dn })
        {
            NetworkNamespace.Delete(ns);
        }
    }
}
