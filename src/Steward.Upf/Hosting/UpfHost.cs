using System.Net;
using Steward.Linux;
using Steward.Linux.Rtnetlink;
using Steward.Linux.Sockets;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Node;
using Steward.Upf.Control;
using Steward.Upf.DataPath;

namespace Steward.Upf.Hosting;

/// <summary>Where a whole UPF listens and forwards.</summary>
public sealed record UpfHostOptions
{
    /// <summary>The PFCP address (UDP 8805 by convention).</summary>
    public required IPEndPoint Pfcp { get; init; }

    /// <summary>The N3 address: GTP-U is received on it (UDP 2152) and named in every F-TEID the UPF chooses.</summary>
    public required IPAddress N3Address { get; init; }

    /// <summary>The name of the TUN device to create as N6.</summary>
    public required string N6Device { get; init; }

    /// <summary>The UPF's Node ID; the PFCP address when null.</summary>
    public NodeId? NodeId { get; init; }

    /// <summary>Prefixes routed into the N6 device, so that downlink packets for the UEs reach the UPF.</summary>
    public IReadOnlyList<IPPrefix> UeRoutes { get; init; } = [];

    /// <summary>Turn on net.ipv4.ip_forward, without which uplink packets written to N6 go nowhere.</summary>
    public bool EnableIpForwarding { get; init; } = true;

    /// <summary>Packets per batch on the data path.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>How often to heartbeat each associated SMF; null: only answer the SMF's heartbeats.</summary>
    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>PFCP timers, Recovery Time Stamp and message log.</summary>
    public PfcpNodeOptions? Node { get; init; }

    /// <summary>Given one line per association and session event.</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>
/// A whole UPF in the current network namespace: the N6 TUN device (up, with the UE routes), the N3
/// GTP-U socket, the user plane and its forwarding threads, and the PFCP side on top.
/// </summary>
public sealed class UpfHost : IAsyncDisposable
{
    private UpfHost(UserPlane userPlane, UpfForwarder forwarder, UpfControl control)
    {
        UserPlane = userPlane;
        Forwarder = forwarder;
        Control = control;
    }

    /// <summary>The rules the data path applies.</summary>
    public UserPlane UserPlane { get; }

    /// <summary>The forwarding threads.</summary>
    public UpfForwarder Forwarder { get; }

    /// <summary>The PFCP side.</summary>
    public UpfControl Control { get; }

    /// <summary>Creates the devices and sockets and starts forwarding and answering PFCP.</summary>
    public static UpfHost Start(UpfHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.EnableIpForwarding)
        {
            Sysctl.Ensure("net.ipv4.ip_forward", "1");
        }

        var tun = TunDevice.Open(options.N6Device, TunMode.Tun);
        UdpBatchSocket? n3 = null;
        UpfForwarder? forwarder = null;
        try
        {
            using (var rt = RtNetlink.Open())
            {
                var index = rt.GetLink(tun.Name).Index;
                rt.SetUp(index);
                foreach (var prefix in options.UeRoutes)
                {
                    rt.AddRoute(new Route { Destination = prefix, OutputInterface = index });
                }
            }

            n3 = UdpBatchSocket.Bind(new IPEndPoint(options.N3Address, 2152));
            var userPlane = new UserPlane();
            forwarder = new UpfForwarder(userPlane, n3, tun, options.N3Address, options.BatchSize);
            forwarder.Start();
            var control = UpfControl.Start(options.Pfcp, userPlane, new UpfControlOptions
            {
                NodeId = options.NodeId ?? NodeId.FromAddress(options.Pfcp.Address),
                N3Address = options.N3Address,
                HeartbeatInterval = options.HeartbeatInterval,
                Node = options.Node,
                Log = options.Log,
            });
            return new UpfHost(userPlane, forwarder, control);
        }
        catch
        {
            if (forwarder is not null)
            {
                forwarder.Dispose();
            }
            else
            {
                n3?.Dispose();
                tun.Dispose();
            }

            throw;
        }
    }

    /// <summary>Stops answering PFCP, then stops forwarding and closes the devices.</summary>
    public async ValueTask DisposeAsync()
    {
        await Control.DisposeAsync().ConfigureAwait(false);
        Forwarder.Dispose();
    }
}
