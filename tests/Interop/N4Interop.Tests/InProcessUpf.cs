using System.Net;
using Steward.Linux;
using Steward.Linux.Namespaces;
using Steward.Linux.Sockets;
using Steward.Pfcp.Ies;
using Steward.Upf.Control;
using Steward.Upf.DataPath;

namespace Steward.N4.Interop.Tests;

/// <summary>
/// The UPF in the test process, in the topology's UPF namespace: the PFCP side (UpfControl) on 10.100.0.2:8805 programming
/// the user plane (UserPlane + UpfForwarder: N3 on 10.100.0.2:2152, N6 on the TUN upf-n6) — the parts `steward upf run`
/// composes, here so a test can read the data path's counters.
/// </summary>
internal sealed class InProcessUpf : IAsyncDisposable
{
    private readonly TunDevice _tun;
    private readonly UdpBatchSocket _n3;

    private InProcessUpf(UserPlane plane, TunDevice tun, UdpBatchSocket n3, UpfForwarder forwarder, UpfControl control)
    {
        Plane = plane;
        _tun = tun;
        _n3 = n3;
        Forwarder = forwarder;
        Control = control;
    }

    public UserPlane Plane { get; }
    public UpfForwarder Forwarder { get; }
    public UpfControl Control { get; }
    public DataPathCounters Counters => Plane.Counters;

    public static InProcessUpf Start(N4Topology topology)
    {
        var upfN3 = N4Topology.UpfN3Address;
        var (tun, n3, plane, forwarder, control) = NetworkNamespace.Run(N4Topology.PathOf(topology.Upf), () =>
        {
            var tun = TunDevice.Open(N4Topology.UpfTun, TunMode.Tun);
            var n3 = UdpBatchSocket.Bind(new IPEndPoint(upfN3, 2152));
            var plane = new UserPlane();
            var forwarder = new UpfForwarder(plane, n3, tun, upfN3);
            var control = UpfControl.Start(new IPEndPoint(upfN3, 8805), plane, new UpfControlOptions
            {
                NodeId = NodeId.FromAddress(upfN3),
                N3Address = upfN3,
            });
            return (tun, n3, plane, forwarder, control);
        });
        forwarder.Start();
        topology.RouteUePoolIntoUpf();
        return new InProcessUpf(plane, tun, n3, forwarder, control);
    }

    public async ValueTask DisposeAsync()
    {
        await Control.DisposeAsync();
        Forwarder.Dispose();
        _n3.Dispose();
        _tun.Dispose();
    }
}
