using System.Net;
using Steward.Linux.Namespaces;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Smf;
using Steward.Upf.Simulation;

namespace Steward.N4.Interop.Tests;

/// <summary>
/// One whole end-to-end set-up: the topology, tshark capturing PFCP and GTP-U on the gNB's N3 link from before the first
/// message, the UPF (in process, so its counters can be read), the SMF's N4 client (Steward's library API, its socket in
/// the gNB namespace) with one PDU session, and the gNB simulator tunnelling the UE's traffic with the session's TEIDs.
/// </summary>
internal sealed class N4Session : IAsyncDisposable
{
    public const uint GnbTeid = 0x1001;
    public const byte Qfi = 9;

    private N4Session(N4Topology topology, TsharkCapture? capture, InProcessUpf upf)
    {
        Topology = topology;
        Capture = capture;
        Upf = upf;
    }

    public N4Topology Topology { get; }
    public TsharkCapture? Capture { get; }
    public InProcessUpf Upf { get; private set; }
    public SmfN4Client Smf { get; private set; } = null!;
    public SmfSession Session { get; private set; } = null!;
    public GnbSimulator Gnb { get; private set; } = null!;
    public uint UplinkTeid => Session.UplinkFTeid?.Teid ?? throw new InvalidOperationException("the UPF chose no F-TEID");

    public static PduSessionRequest DefaultRequest => new()
    {
        UeAddress = N4Topology.UeAddress,
        GnbAddress = N4Topology.GnbN3Address,
        GnbTeid = GnbTeid,
        Qfi = Qfi,
    };

    /// <summary>Builds everything; <paramref name="request"/> defaults to <see cref="DefaultRequest"/>. Skips unless root.</summary>
    public static async Task<N4Session> StartAsync(PduSessionRequest? request = null, bool capture = true, SmfN4Options? smfOptions = null)
    {
        PeerTool.RequireRoot();
        if (capture)
        {
            Tshark.Require();
        }
        var topology = N4Topology.Create();
        TsharkCapture? tshark = null;
        InProcessUpf? upf = null;
        try
        {
            tshark = capture ? Tshark.Capture(topology.Gnb, N4Topology.N3Link, "udp port 8805 or udp port 2152") : null;
            upf = InProcessUpf.Start(topology);
            var session = new N4Session(topology, tshark, upf);
            session.Smf = await AssociateAsync(topology, smfOptions);
            session.Session = await session.Smf.EstablishSessionAsync(request ?? DefaultRequest, TestContext.Current.CancellationToken);
            session.Gnb = GnbSimulator.Start(new GnbSimulatorOptions
            {
                NamespacePath = N4Topology.PathOf(topology.Gnb),
                N3Address = N4Topology.GnbN3Address,
                UpfN3 = new IPEndPoint(N4Topology.UpfN3Address, 2152),
                UeAddress = (request ?? DefaultRequest).UeAddress,
                RoutesViaUe = [N4Topology.DnNetwork],
                UplinkTeid = session.UplinkTeid,
                DownlinkTeid = (request ?? DefaultRequest).GnbTeid,
                Qfi = (request ?? DefaultRequest).Qfi,
            });
            return session;
        }
        catch
        {
            if (upf is not null)
            {
                await upf.DisposeAsync();
            }
            tshark?.Dispose();
            topology.Dispose();
            throw;
        }
    }

    /// <summary>The SMF's N4 client, bound to 10.100.0.1:8805 in the gNB namespace (the socket is made there; the rest runs anywhere).</summary>
    public static Task<SmfN4Client> AssociateAsync(N4Topology topology, SmfN4Options? options = null) =>
        NetworkNamespace.Run(N4Topology.PathOf(topology.Gnb), () => SmfN4Client.AssociateAsync(
            new IPEndPoint(N4Topology.GnbN3Address, 8805), new IPEndPoint(N4Topology.UpfN3Address, 8805),
            NodeId.FromAddress(N4Topology.GnbN3Address), options, TestContext.Current.CancellationToken));

    /// <summary>Stops the UPF and starts a new one (a new Recovery Time Stamp, no sessions), as a UPF restart does.</summary>
    public async Task RestartUpfAsync()
    {
        await Upf.DisposeAsync();
        // The Recovery Time Stamp counts whole seconds: a restart within the same second would look like no restart.
        await Task.Delay(TimeSpan.FromSeconds(1.1), TestContext.Current.CancellationToken);
        Upf = InProcessUpf.Start(Topology);
    }

    public async ValueTask DisposeAsync()
    {
        Gnb?.Dispose();
        if (Smf is not null)
        {
            await Smf.DisposeAsync();
        }
        await Upf.DisposeAsync();
        Capture?.Dispose();
        Topology.Dispose();
    }
}
