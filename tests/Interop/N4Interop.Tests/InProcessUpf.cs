using System.Net;
using Steward.Linux.Namespaces;
using Steward.Upf.Control;
using Steward.Upf.DataPath;
using Steward.Upf.Hosting;

namespace Steward.N4.Interop.Tests;

/// <summary>
/// Steward's whole UPF (UpfHost: what `steward upf run` runs) in the test process, started inside the topology's UPF
/// namespace: PFCP on 10.100.0.2:8805, N3 on 10.100.0.2:2152, N6 on the TUN upf-n6 with the UE pool routed into it.
/// In process so that a test can read the data path's counters.
/// </summary>
internal sealed class InProcessUpf : IAsyncDisposable
{
    private readonly UpfHost _host;

    private InProcessUpf(UpfHost host) => _host = host;

    public UserPlane Plane => _host.UserPlane;
    public UpfControl Control => _host.Control;
    public DataPathCounters Counters => _host.Forwarder.Counters;

    public static InProcessUpf Start(N4Topology topology) =>
        new(NetworkNamespace.Run(N4Topology.PathOf(topology.Upf), () => UpfHost.Start(new UpfHostOptions
        {
            Pfcp = new IPEndPoint(N4Topology.UpfN3Address, 8805),
            N3Address = N4Topology.UpfN3Address,
            N6Device = N4Topology.UpfTun,
            UeRoutes = [N4Topology.UePool],
        })));

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
