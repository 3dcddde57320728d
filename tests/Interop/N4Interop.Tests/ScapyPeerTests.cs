using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Steward.N4.Interop.Tests;

/// <summary>
/// scapy as an independent SMF and gNB against Steward's UPF (UpfControl + UserPlane + UpfForwarder): its PFCP requests get the right responses, its G-PDUs
/// to the TEID the UPF chose come out on N6, and tshark finds every PFCP message the UPF sent clean.
/// </summary>
public sealed class ScapyPeerTests
{
    private const uint GnbTeid = 4096;
    private const ulong ScapySeid = 0x5ca9;

    private static string Script => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "scapy", "pfcp_peer.py"));

    [Fact]
    public void Scapys_requests_are_valid_pfcp_in_tshark()
    {
        Scapy.Require();
        Tshark.Require();

        var dry = Scapy.Run(Script, [N4Topology.UpfN3Address.ToString(), N4Topology.GnbN3Address.ToString(), N4Topology.UeAddress.ToString(), "4096", "--dry"]);

        var smf = new IPEndPoint(N4Topology.GnbN3Address, 8805);
        var upf = new IPEndPoint(N4Topology.UpfN3Address, 8805);
        var decode = Tshark.DecodeUdp(dry.GetProperty("requests").EnumerateArray()
            .Select(r => new UdpDatagram(smf, upf, Convert.FromHexString(r.GetString()!))));
        Assert.Empty(decode.Problems);
        Assert.Equal([1ul, 5, 50, 54, 54, 9], decode.Packets.Select(p => p.Number64("pfcp.msg_type")));
    }

    [Fact]
    public async Task Scapy_as_smf_and_gnb_gets_correct_responses_and_its_gpdus_come_out_on_n6()
    {
        PeerTool.RequireRoot();
        Scapy.Require();
        Tshark.Require();
        using var topology = N4Topology.Create();
        await using var upf = InProcessUpf.Start(topology);
        using var dn = NamespaceSockets.Open(topology.Dn, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        dn.Bind(new IPEndPoint(N4Topology.DnHostAddress, 5555));
        dn.ReceiveTimeout = 10_000;
        using var capture = Tshark.Capture(topology.Gnb, N4Topology.N3Link, "udp port 8805");

        var r = Scapy.Run(Script, [N4Topology.UpfN3Address.ToString(), N4Topology.GnbN3Address.ToString(), N4Topology.UeAddress.ToString(),
            GnbTeid.ToString(System.Globalization.CultureInfo.InvariantCulture)], netns: topology.Gnb);

        var heartbeat = r.GetProperty("heartbeat");
        Assert.Equal(2, heartbeat.GetProperty("type").GetInt32());
        Assert.True(heartbeat.GetProperty("recovery").GetInt64() > 0);

        var association = r.GetProperty("association");
        Assert.Equal(6, association.GetProperty("type").GetInt32());
        Assert.Equal(1, association.GetProperty("cause").GetInt32());
        Assert.True(association.GetProperty("up_features").GetBoolean());
        Assert.True(association.TryGetProperty("node_id", out _));
        Assert.Equal(heartbeat.GetProperty("recovery").GetInt64(), association.GetProperty("recovery").GetInt64());

        var establishment = r.GetProperty("establishment");
        Assert.Equal(51, establishment.GetProperty("type").GetInt32());
        Assert.Equal(1, establishment.GetProperty("cause").GetInt32());
        Assert.Equal(ScapySeid, establishment.GetProperty("seid").GetUInt64());
        var upfSeid = establishment.GetProperty("fseid").GetProperty("seid").GetUInt64();
        Assert.NotEqual(0ul, upfSeid);
        Assert.Equal(N4Topology.UpfN3Address.ToString(), establishment.GetProperty("fseid").GetProperty("ipv4").GetString());
        var created = Assert.Single(establishment.GetProperty("created_pdrs").EnumerateArray());
        Assert.Equal(1, created.GetProperty("pdr_id").GetInt32());
        Assert.NotEqual(0, created.GetProperty("teid").GetInt64());
        Assert.Equal(N4Topology.UpfN3Address.ToString(), created.GetProperty("ipv4").GetString());

        var received = new List<string>();
        var buffer = new byte[2048];
        for (var i = 0; i < 3; i++)
        {
            var n = dn.Receive(buffer);
            received.Add(Encoding.ASCII.GetString(buffer, 0, n));
        }
        Assert.Equal(["scapy-uplink-0", "scapy-uplink-1", "scapy-uplink-2"], received.Order());

        var deletion = r.GetProperty("deletion");
        Assert.Equal(55, deletion.GetProperty("type").GetInt32());
        Assert.Equal(1, deletion.GetProperty("cause").GetInt32());
        Assert.Equal(ScapySeid, deletion.GetProperty("seid").GetUInt64());

        var unknown = r.GetProperty("unknown_seid");
        Assert.Equal(55, unknown.GetProperty("type").GetInt32());
        Assert.Equal(65, unknown.GetProperty("cause").GetInt32()); // Session context not found
        Assert.Equal(0ul, unknown.GetProperty("seid").GetUInt64());

        var release = r.GetProperty("release");
        Assert.Equal(10, release.GetProperty("type").GetInt32());
        Assert.Equal(1, release.GetProperty("cause").GetInt32());

        var decode = capture.Stop();
        Assert.Empty(decode.Problems);
        var fromUpf = decode.With("pfcp").Where(p => p["ip.src"] == N4Topology.UpfN3Address.ToString()).ToList();
        Assert.Equal([2ul, 6, 51, 55, 55, 10], fromUpf.Select(p => p.Number64("pfcp.msg_type")));
        // The header's SEID is scapy's; the F-SEID's (same field name in tshark) is the one the UPF chose.
        Assert.Equal([ScapySeid, upfSeid], fromUpf[2].Numbers("pfcp.seid"));
        Assert.Equal(["1", "1", "1", "65", "1"], fromUpf.Skip(1).Select(p => p.Field("pfcp.cause")));
    }
}
