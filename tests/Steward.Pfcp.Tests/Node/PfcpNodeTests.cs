using System.Net;
using Steward.Pfcp.Codec;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Node;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Tests.Node;

public class PfcpNodeTests
{
    private static readonly IPEndPoint AnyLoopback = new(IPAddress.Loopback, 0);
    private static readonly PfcpNodeOptions Fast = new() { Endpoint = new PfcpEndpointOptions { T1 = TimeSpan.FromMilliseconds(100), N1 = 2 } };
    private static readonly NodeId Upf = NodeId.FromFqdn("upf.test");

    private static PfcpMessageHandler Counting(Action onCall, PfcpMessage? answer = null) => (_, _, _) =>
    {
        onCall();
        return ValueTask.FromResult(answer);
    };

    [Fact]
    public async Task A_heartbeat_is_answered_by_the_node_itself_with_its_recovery_time_stamp()
    {
        var calls = 0;
        await using var node = PfcpNode.Bind(AnyLoopback, Upf, Counting(() => calls++), Fast with { RecoveryTimeStamp = new NtpTime(3_912_345_678) });
        await using var peer = PfcpNode.Bind(AnyLoopback, NodeId.FromFqdn("smf.test"), Counting(() => { }), Fast);

        var stamp = await peer.HeartbeatAsync(node.LocalEndPoint, TestContext.Current.CancellationToken);

        Assert.Equal(new NtpTime(3_912_345_678).ToDateTimeOffset().UtcDateTime, stamp);
        Assert.Equal(0, calls);
        Assert.Equal(stamp, peer.Peer(node.LocalEndPoint).RecoveryTimeStamp);
    }

    [Fact]
    public async Task The_recovery_time_stamp_a_peer_sends_in_its_heartbeat_is_recorded_and_a_new_one_is_a_restart()
    {
        await using var node = PfcpNode.Bind(AnyLoopback, Upf, Counting(() => { }), Fast);
        using var raw = new RawPeer();
        var restarts = 0;
        node.Peer(raw.EndPoint).Restarted += (_, _) => restarts++;

        foreach (var (seconds, sequence) in new[] { (3_900_000_000u, 1u), (3_900_000_000u, 2u), (3_900_000_900u, 3u) })
        {
            await raw.SendAsync(PfcpCodec.Encode(new HeartbeatRequest { RecoveryTimeStamp = new NtpTime(seconds), SequenceNumber = sequence }), node.LocalEndPoint);
            var answer = PfcpCodec.Decode((await raw.ReceiveAsync()).Datagram);
            Assert.IsType<HeartbeatResponse>(answer.Message);
        }

        Assert.Equal(1, restarts);
        Assert.Equal(new NtpTime(3_900_000_900).ToDateTimeOffset().UtcDateTime, node.Peer(raw.EndPoint).RecoveryTimeStamp);
    }

    [Fact]
    public async Task A_session_request_missing_its_mandatory_IEs_gets_cause_66_naming_one_without_reaching_the_handler()
    {
        var calls = 0;
        await using var node = PfcpNode.Bind(AnyLoopback, Upf, Counting(() => calls++), Fast);
        using var raw = new RawPeer();
        var empty = PfcpEndpoint.Compose(PfcpHeader.ForSession(PfcpMessageType.SessionEstablishmentRequest, 0, 7), []);

        await raw.SendAsync(empty, node.LocalEndPoint);
        var answer = PfcpCodec.Decode((await raw.ReceiveAsync()).Datagram);

        var response = Assert.IsType<SessionEstablishmentResponse>(answer.Message);
        Assert.Equal(PfcpCause.MandatoryIeMissing, response.Cause);
        Assert.NotNull(response.OffendingIe);
        Assert.Equal(Upf, response.NodeId);
        Assert.Equal(7u, response.SequenceNumber);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task A_handler_that_throws_answers_System_failure()
    {
        PfcpMessageHandler failing = (_, _, _) => throw new InvalidOperationException("boom");
        await using var node = PfcpNode.Bind(AnyLoopback, Upf, failing, Fast);
        await using var peer = PfcpNode.Bind(AnyLoopback, NodeId.FromFqdn("smf.test"), Counting(() => { }), Fast);

        var response = await peer.RequestAsync<AssociationSetupResponse>(node.LocalEndPoint,
            new AssociationSetupRequest { NodeId = peer.NodeId, RecoveryTimeStamp = peer.RecoveryTimeStamp }, TestContext.Current.CancellationToken);

        Assert.Equal(PfcpCause.SystemFailure, response.Cause);
    }

    [Fact]
    public async Task A_response_of_another_type_than_asked_is_a_protocol_error()
    {
        PfcpMessageHandler wrong = (_, _, _) => ValueTask.FromResult<PfcpMessage?>(new AssociationReleaseResponse { NodeId = Upf, Cause = PfcpCause.RequestAccepted });
        await using var node = PfcpNode.Bind(AnyLoopback, Upf, wrong, Fast);
        await using var peer = PfcpNode.Bind(AnyLoopback, NodeId.FromFqdn("smf.test"), Counting(() => { }), Fast);

        var error = await Assert.ThrowsAsync<PfcpProtocolException>(() => peer.RequestAsync<AssociationSetupResponse>(node.LocalEndPoint,
            new AssociationSetupRequest { NodeId = peer.NodeId, RecoveryTimeStamp = peer.RecoveryTimeStamp }, TestContext.Current.CancellationToken));

        Assert.Contains("AssociationReleaseResponse", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_message_sent_and_received_is_logged()
    {
        var log = new List<(PfcpMessageDirection, PfcpMessageType)>();
        await using var node = PfcpNode.Bind(AnyLoopback, Upf, Counting(() => { }), Fast);
        await using var peer = PfcpNode.Bind(AnyLoopback, NodeId.FromFqdn("smf.test"), Counting(() => { }), Fast with { Log = (direction, _, message) => { lock (log) { log.Add((direction, message.MessageType)); } } });

        await peer.HeartbeatAsync(node.LocalEndPoint, TestContext.Current.CancellationToken);

        Assert.Equal([(PfcpMessageDirection.Sent, PfcpMessageType.HeartbeatRequest), (PfcpMessageDirection.Received, PfcpMessageType.HeartbeatResponse)], log);
    }
}
