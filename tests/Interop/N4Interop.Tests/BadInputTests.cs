using Steward.Pfcp.Messages;
using Steward.Pfcp.Wire;
using Steward.Upf.Gtpu;

namespace Steward.N4.Interop.Tests;

/// <summary>Bad input end to end: malformed GTP-U, unknown TEIDs and SEIDs, a UPF that restarts.</summary>
public sealed class BadInputTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Malformed_gtpu_is_dropped_and_counted_and_the_upf_keeps_forwarding()
    {
        await using var n4 = await N4Session.StartAsync(capture: false);
        var before = n4.Upf.Counters;
        var valid = new byte[64];
        var length = GtpuWriter.WriteGPdu(valid, n4.UplinkTeid, new byte[20], null);
        byte[][] malformed =
        [
            [0x30, 0xff, 0x00], // shorter than the mandatory header
            [0x50, 0xff, 0x00, 0x00, 0, 0, 0, 1], // version 2
            [0x30, 0xff, 0x10, 0x00, 0, 0, 0, 1], // length says 4096 octets follow, none do
            [0x34, 0xff, 0x00, 0x08, 0, 0, 0, 1, 0, 0, 0, 0x85, 0x00, 0, 0, 0], // extension header of length 0
            valid[..(length - 10)], // the declared length runs past the datagram
        ];

        foreach (var datagram in malformed)
        {
            n4.Gnb.SendToUpf(datagram);
        }

        Assert.True(n4.Topology.PingDnFromUe(count: 2));
        var after = n4.Upf.Counters;
        Assert.Equal(before.Malformed + malformed.Length, after.Malformed);
        Assert.True(after.UplinkForwarded >= before.UplinkForwarded + 2);
    }

    [Fact]
    public async Task A_gpdu_for_an_unknown_teid_gets_an_error_indication_that_tshark_finds_clean()
    {
        await using var n4 = await N4Session.StartAsync();
        const uint unknownTeid = 0xbad7e1d;
        var buffer = new byte[64];

        n4.Gnb.SendToUpf(buffer.AsSpan(0, GtpuWriter.WriteGPdu(buffer, unknownTeid, new byte[20], null)));
        Assert.True(n4.Topology.PingDnFromUe(count: 1)); // by the time the echo is back, the indication has arrived

        Assert.Equal(1, n4.Gnb.Stats.ErrorIndications);
        Assert.Equal(unknownTeid, n4.Gnb.Stats.LastErrorIndicationTeid);
        Assert.Equal(1, n4.Upf.Counters.UnknownTeid);
        var decode = n4.Capture!.Stop();
        Assert.Empty(decode.Problems);
        var indication = Assert.Single(decode.With("gtp"), p => p.Number64("gtp.message") == 26);
        Assert.Equal(N4Topology.UpfN3Address.ToString(), indication["ip.src"]);
        Assert.Equal(unknownTeid, indication.Number64("gtp.teid_data"));
        Assert.Equal(N4Topology.UpfN3Address.ToString(), indication.Field("gtp.gsn_ipv4"));
    }

    [Fact]
    public async Task A_request_for_an_unknown_seid_gets_session_context_not_found()
    {
        await using var n4 = await N4Session.StartAsync(capture: false);
        const ulong unknownSeid = 0xdead0000beef;

        var response = await n4.Smf.Node.RequestAsync<SessionDeletionResponse>(n4.Smf.UpfEndPoint,
            new SessionDeletionRequest { Seid = unknownSeid }, Token);

        Assert.Equal(PfcpCause.SessionContextNotFound, response.Cause);
        Assert.Equal(0ul, response.Seid); // TS 29.244 §7.2.2.4.2: no session known, so SEID 0 in the header
        Assert.Equal(1, n4.Upf.Control.SessionCount); // the real session is untouched
    }

    [Fact]
    public async Task A_upf_restart_is_seen_by_the_smf_through_the_recovery_time_stamp()
    {
        await using var n4 = await N4Session.StartAsync(
            smfOptions: new Steward.Pfcp.Smf.SmfN4Options { HeartbeatInterval = TimeSpan.FromMilliseconds(300) });
        var restarted = new TaskCompletionSource<(DateTime Old, DateTime New)>(TaskCreationOptions.RunContinuationsAsynchronously);
        n4.Smf.UpfRestarted += (old, now) => restarted.TrySetResult((old, now));

        await n4.RestartUpfAsync();
        var (old, now) = await restarted.Task.WaitAsync(TimeSpan.FromSeconds(15), Token);

        Assert.True(now > old);
        Assert.Empty(n4.Smf.Sessions); // the UPF lost them, so the SMF forgot them
        Assert.False(n4.Topology.PingDnFromUe(count: 1));

        // Heartbeats both ways are clean in tshark; the UPF's stamps (in its Association Setup Response, then in the
        // Heartbeat Responses of the new UPF) are two, as the SMF saw.
        var decode = n4.Capture!.Stop();
        Assert.Empty(decode.Problems);
        var pfcp = decode.With("pfcp");
        Assert.Contains(pfcp, p => p.Number64("pfcp.msg_type") == 1);
        Assert.Contains(pfcp, p => p.Number64("pfcp.msg_type") == 2);
        var stamps = pfcp.Where(p => p.Number64("pfcp.msg_type") is 2 or 6).Select(p => p.Field("pfcp.recovery_time_stamp")).Distinct();
        Assert.Equal(2, stamps.Count());
    }
}
