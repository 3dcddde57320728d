using System.Diagnostics;
using System.Net;
using Steward.Linux;
using Steward.Linux.Namespaces;
using Steward.Linux.Rtnetlink;
using Steward.Linux.Sockets;
using Steward.Upf.DataPath;
using Steward.Upf.Simulation;

namespace Steward.Upf.Tests;

/// <summary>
/// Three network namespaces: gNB (GnbSimulator with its UE device) — UPF (UpfForwarder with a TUN
/// as N6, IP forwarding on) — DN (a plain host address). N3 is 192.168.50.0/24 on a veth, N6
/// 192.168.60.0/24 on another; UEs are in 10.60.0.0/16, routed to the UPF's TUN. Names carry a
/// random suffix; Dispose removes everything.
/// </summary>
internal sealed class UpfTopology : IDisposable
{
    public static readonly IPAddress GnbN3 = IPAddress.Parse("192.168.50.1");
    public static readonly IPAddress UpfN3 = IPAddress.Parse("192.168.50.2");
    public static readonly IPAddress UpfN6 = IPAddress.Parse("192.168.60.1");
    public static readonly IPAddress DnHost = IPAddress.Parse("192.168.60.2");
    public static readonly IPPrefix UePool = IPPrefix.Parse("10.60.0.0/16");
    public static readonly IPPrefix DnNetwork = IPPrefix.Parse("192.168.60.0/24");

    private readonly List<string> _namespaces = [];

    private UpfTopology()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        Gnb = Create($"stw-gnb-{suffix}");
        Upf = Create($"stw-upf-{suffix}");
        Dn = Create($"stw-dn-{suffix}");

        using var gnbNs = NetworkNamespace.Open(Gnb);
        using var upfNs = NetworkNamespace.Open(Upf);
        using var dnNs = NetworkNamespace.Open(Dn);
        using (var rt = NetworkNamespace.OpenRtNetlink(upfNs))
        {
            rt.CreateLink(new VethSpec("n3", "n3") { PeerNamespace = gnbNs, Up = true });
            rt.CreateLink(new VethSpec("n6", "n6") { PeerNamespace = dnNs, Up = true });
            rt.AddAddress(rt.GetLink("n3").Index, new IPPrefix(UpfN3, 24));
            rt.AddAddress(rt.GetLink("n6").Index, new IPPrefix(UpfN6, 24));
        }

        using (var rt = NetworkNamespace.OpenRtNetlink(gnbNs))
        {
            var n3 = rt.GetLink("n3").Index;
            rt.SetUp(n3);
            rt.AddAddress(n3, new IPPrefix(GnbN3, 24));
        }

        using (var rt = NetworkNamespace.OpenRtNetlink(dnNs))
        {
            var n6 = rt.GetLink("n6").Index;
            rt.SetUp(n6);
            rt.SetUp(rt.GetLink("lo").Index);
            rt.AddAddress(n6, new IPPrefix(DnHost, 24));
            rt.AddRoute(new Route { Destination = UePool, Gateway = UpfN6 });
        }

        NetworkNamespace.Run(upfNs, () => Sysctl.Write("net.ipv4.ip_forward", "1"));
    }

    public string Gnb { get; }
    public string Upf { get; }
    public string Dn { get; }

    /// <summary>Skips the test unless it runs as root.</summary>
    public static UpfTopology Create()
    {
        if (Environment.UserName != "root")
        {
            Assert.Skip("needs root (CAP_NET_ADMIN)");
        }

        return new UpfTopology();
    }

    /// <summary>Opens the UPF's N3 socket and N6 TUN in the UPF namespace (TUN up, the UE pool routed to it) and starts forwarding.</summary>
    public UpfForwarder StartUpf(UserPlane plane)
    {
        using var ns = NetworkNamespace.Open(Upf);
        var tun = NetworkNamespace.Run(ns, () => UpfForwarder.OpenN6("n6tun", [UePool]));
        var socket = NetworkNamespace.RunOnCurrentThread(ns, () => UdpBatchSocket.Bind(new IPEndPoint(UpfN3, 2152)));
        var forwarder = new UpfForwarder(plane, socket, tun);
        forwarder.Start();
        return forwarder;
    }

    public GnbSimulator StartGnb(IPAddress ue, uint uplinkTeid, uint downlinkTeid, byte qfi = 1) => GnbSimulator.Start(new GnbSimulatorOptions
    {
        NamespacePath = Gnb,
        N3Address = GnbN3,
        UpfN3 = new IPEndPoint(UpfN3, 2152),
        UeAddress = ue,
        RoutesViaUe = [DnNetwork],
        UplinkTeid = uplinkTeid,
        DownlinkTeid = downlinkTeid,
        Qfi = qfi,
    });

    /// <summary>Runs a command inside a namespace (`ip netns exec`); returns its exit code and output.</summary>
    public static (int ExitCode, string Output) Exec(string netnsPath, params string[] command)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["netns", "exec", Path.GetFileName(netnsPath), .. command])
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr);
    }

    private string Create(string name)
    {
        var path = NetworkNamespace.Create(name);
        _namespaces.Add(name);
        using var rt = NetworkNamespace.OpenRtNetlink(path);
        rt.SetUp(rt.GetLink("lo").Index);
        return path;
    }

    public void Dispose()
    {
        foreach (var name in _namespaces)
        {
            NetworkNamespace.Delete(name);
        }
    }
}
