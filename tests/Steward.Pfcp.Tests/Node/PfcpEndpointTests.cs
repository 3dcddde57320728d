using System.Diagnostics;
using System.Net;
using Steward.Pfcp.Node;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Tests.Node;

public class PfcpEndpointTests
{
    private static readonly IPEndPoint AnyLoopback = new(IPAddress.Loopback, 0);
    private static readonly PfcpEndpointOptions Fast = new() { T1 = TimeSpan.FromMilliseconds(100), N1 = 3 };

    internal static byte[] Compose(PfcpHeader header, byte[] body) => PfcpEndpoint.Compose(header, body);

    private static PfcpRequestHandler Echo(Action? onCall = null) => (request, _) =>
    {
        onCall?.Invoke();
        var response = PfcpEndpoint.Compose(PfcpHeader.ForNode(request.Header.MessageType + 1, 0), request.Body.Span);
        return ValueTask.FromResult<ReadOnlyMemory<byte>?>(response);
    };

    private static PfcpRequestHandler Ignore => (_, _) => ValueTask.FromResult<ReadOnlyMemory<byte>?>(null);

    [Fact]
    public async Task A_request_gets_its_response_matched_by_sequence_number()
    {
        await using var server = PfcpEndpoint.Bind(AnyLoopback, Echo());
        await using var client = PfcpEndpoint.Bind(AnyLoopback, Ignore);

        var first = await client.RequestAsync(server.LocalEndPoint, RawPeer.Message(PfcpMessageType.HeartbeatRequest, 0, 1, 2, 3), TestContext.Current.CancellationToken);
        var second = await client.RequestAsync(server.LocalEndPoint, RawPeer.Message(PfcpMessageType.HeartbeatRequest, 0, 4), TestContext.Current.CancellationToken);

        Assert.Equal(PfcpMessageType.HeartbeatResponse, first.Header.MessageType);
        Assert.Equal(new byte[] { 1, 2, 3 }, first.Body.ToArray());
        Assert.Equal(new byte[] { 4 }, second.Body.ToArray());
        Assert.Equal(first.Header.SequenceNumber + 1, second.Header.SequenceNumber);
    }

    [Fact]
    public async Task Sequence_numbers_count_per_peer()
    {
        using var a = new RawPeer();
        using var b = new RawPeer();
        await using var client = PfcpEndpoint.Bind(AnyLoopback, Ignore, Fast with { N1 = 0 });
        var requests = new List<Task>();
        async Task<uint> Next(RawPeer peer)
        {
            requests.Add(client.RequestAsync(peer.EndPoint, RawPeer.Message(PfcpMessageType.HeartbeatRequest, 0), TestContext.Current.CancellationToken));
            return Sequence((await peer.ReceiveAsync()).Datagram);
        }

        var b1 = await Next(b);
        var a1 = await Next(a);
        var a2 = await Next(a);
        var a3 = await Next(a);
        var b2 = await Next(b);

        Assert.Equal(((a1 + 1) & PfcpHeader.MaxSequenceNumber, (a1 + 2) & PfcpHeader.MaxSequenceNumber), (a2, a3));
        Assert.Equal((b1 + 1) & PfcpHeader.MaxSequenceNumber, b2);
        await Assert.ThrowsAsync<PfcpTimeoutException>(() => Task.WhenAll(requests));
    }

    [Theory]
    [InlineData(0xFF_FFFD, new uint[] { 0xFF_FFFE, 0xFF_FFFF, 0, 1 })]
    [InlineData(int.MaxValue - 1, new uint[] { 0xFF_FFFF, 0, 1, 2 })] // the counter's own int overflows too
    public void Sequence_numbers_wrap_after_24_bits(int last, uint[] expected)
    {
        var counter = new PfcpEndpoint.SequenceCounter(last);

        Assert.Equal(expected, new[] { counter.Next(), counter.Next(), counter.Next(), counter.Next() });
    }

    [Fact]
    public async Task Two_endpoints_number_their_first_requests_to_a_peer_differently_so_a_restarted_node_is_not_answered_from_the_cache()
    {
        using var peer = new RawPeer();
        var firsts = new HashSet<uint>();
        for (var i = 0; i < 4; i++)
        {
            await using var client = PfcpEndpoint.Bind(AnyLoopback, Ignore, Fast with { N1 = 0 });
            var request = client.RequestAsync(peer.EndPoint, RawPeer.Message(PfcpMessageType.HeartbeatRequest, 0), TestContext.Current.CancellationToken);
            firsts.Add(Sequence((await peer.ReceiveAsync()).Datagram));
            await Assert.ThrowsAsync<PfcpTimeoutException>(() => request);
        }

        // Four random 24-bit starts all equal would be a 1 in 2^72 event.
        Assert.True(firsts.Count > 1);
    }

    [Fact]
    public async Task An_unanswered_request_is_sent_again_every_T1_N1_times_then_fails_with_a_timeout()
    {
        using var silent = new RawPeer();
        await using var client = PfcpEndpoint.Bind(AnyLoopback, Ignore, Fast);
        var clock = Stopwatch.StartNew();

        var request = client.RequestAsync(silent.EndPoint, RawPeer.Message(PfcpMessageType.AssociationSetupRequest, 0, 9), TestContext.Current.CancellationToken);
        var copies = new List<(byte[] Datagram, TimeSpan At)>();
        for (var i = 0; i < 1 + Fast.N1; i++)
        {
            copies.Add(((await silent.ReceiveAsync()).Datagram, clock.Elapsed));
        }

        var timeout = await Assert.ThrowsAsync<PfcpTimeoutException>(() => request);
        Assert.True(await silent.StaysQuietAsync(Fast.T1 * 2), "nothing is sent after the last retransmission");
        Assert.Equal(1 + Fast.N1, timeout.Attempts);
        Assert.Equal(PfcpMessageType.AssociationSetupRequest, timeout.RequestType);
        Assert.All(copies, copy => Assert.Equal(copies[0].Datagram, copy.Datagram));
        // Loose, and immune to a late receive: a timer never fires early, so the last copy cannot
        // have left before N1 periods of T1 had passed since the request began.
        Assert.True(copies[^1].At >= Fast.T1 * Fast.N1 * 0.9, $"the last copy came {copies[^1].At.TotalMilliseconds} ms after the request");
    }

    [Fact]
    public async Task A_response_to_a_retransmission_completes_the_request()
    {
        using var slow = new RawPeer();
        await using var client = PfcpEndpoint.Bind(AnyLoopback, Ignore, Fast);

        var request = client.RequestAsync(slow.EndPoint, RawPeer.Message(PfcpMessageType.HeartbeatRequest, 0), TestContext.Current.CancellationToken);
        await slow.ReceiveAsync();
        var (second, from) = await slow.ReceiveAsync();
        await slow.SendAsync(RawPeer.Message(PfcpMessageType.HeartbeatResponse, Sequence(second)), from);

        var response = await request;
        Assert.Equal(Sequence(second), response.Header.SequenceNumber);
    }

    [Fact]
    public async Task A_duplicate_request_is_answered_from_the_cache_without_a_second_handler_call()
    {
        var calls = 0;
        await using var server = PfcpEndpoint.Bind(AnyLoopback, Echo(() => Interlocked.Increment(ref calls)), Fast);
        using var peer = new RawPeer();
        var request = RawPeer.Message(PfcpMessageType.HeartbeatRequest, 77, 5, 6);

        await peer.SendAsync(request, server.LocalEndPoint);
        var first = (await peer.ReceiveAsync()).Datagram;
        await peer.SendAsync(request, server.LocalEndPoint);
        var second = (await peer.ReceiveAsync()).Datagram;

        Assert.Equal(1, calls);
        Assert.Equal(first, second);
        Assert.Equal(77u, Sequence(first));
    }

    [Fact]
    public async Task A_duplicate_arriving_while_the_first_copy_is_handled_is_dropped()
    {
        var calls = 0;
        var release = new TaskCompletionSource();
        PfcpRequestHandler slow = async (request, _) =>
        {
            Interlocked.Increment(ref calls);
            await release.Task;
            return PfcpEndpoint.Compose(PfcpHeader.ForNode(PfcpMessageType.HeartbeatResponse, 0), []);
        };
        await using var server = PfcpEndpoint.Bind(AnyLoopback, slow, Fast);
        using var peer = new RawPeer();
        var request = RawPeer.Message(PfcpMessageType.HeartbeatRequest, 3);

        await peer.SendAsync(request, server.LocalEndPoint);
        await peer.SendAsync(request, server.LocalEndPoint);
        Assert.True(await peer.StaysQuietAsync(TimeSpan.FromMilliseconds(200)));
        release.SetResult();
        await peer.ReceiveAsync();

        Assert.True(await peer.StaysQuietAsync(TimeSpan.FromMilliseconds(200)), "one response for two copies");
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task The_same_sequence_number_from_another_peer_is_a_new_request()
    {
        var calls = 0;
        await using var server = PfcpEndpoint.Bind(AnyLoopback, Echo(() => Interlocked.Increment(ref calls)), Fast);
        using var a = new RawPeer();
        using var b = new RawPeer();

        await a.SendAsync(RawPeer.Message(PfcpMessageType.HeartbeatRequest, 10), server.LocalEndPoint);
        await a.ReceiveAsync();
        await b.SendAsync(RawPeer.Message(PfcpMessageType.HeartbeatRequest, 10), server.LocalEndPoint);
        await b.ReceiveAsync();

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_response_to_no_request_is_discarded()
    {
        var traces = new List<PfcpTrace>();
        await using var server = PfcpEndpoint.Bind(AnyLoopback, Echo(), Fast with { Trace = t => { lock (traces) { traces.Add(t); } } });
        using var peer = new RawPeer();

        await peer.SendAsync(RawPeer.Message(PfcpMessageType.HeartbeatResponse, 4242), server.LocalEndPoint);
        await peer.SendAsync(RawPeer.Message(PfcpMessageType.HeartbeatRequest, 1), server.LocalEndPoint);
        var answer = (await peer.ReceiveAsync()).Datagram;

        Assert.Equal(1u, Sequence(answer));
        lock (traces)
        {
            Assert.Contains(traces, t => t.Kind == PfcpTraceKind.UnmatchedResponse && t.Header.SequenceNumber == 4242);
        }
    }

    [Theory]
    [InlineData(0x40)] // version 2, node message
    [InlineData(0xE0)] // version 7
    public async Task A_message_of_another_version_gets_a_header_only_Version_Not_Supported_Response(byte flags)
    {
        var calls = 0;
        await using var server = PfcpEndpoint.Bind(AnyLoopback, Echo(() => Interlocked.Increment(ref calls)), Fast);
        using var peer = new RawPeer();

        await peer.SendAsync([flags, 1, 0, 4, 0x12, 0x34, 0x56, 0], server.LocalEndPoint);
        var answer = (await peer.ReceiveAsync()).Datagram;

        Assert.Equal(new byte[] { 0x20, 11, 0, 4, 0x12, 0x34, 0x56, 0 }, answer);
        Assert.Equal(0, calls);
    }

    [Theory]
    [InlineData(new byte[] { 0x20, 1, 0 })] // shorter than a header
    [InlineData(new byte[] { 0x20, 1, 0, 40, 0, 0, 1, 0 })] // length past the datagram
    [InlineData(new byte[] { 0x20, 200, 0, 4, 0, 0, 1, 0 })] // unknown message type
    [InlineData(new byte[] { 0x20, 50, 0, 4, 0, 0, 1, 0 })] // a session message without a SEID
    public async Task A_malformed_datagram_is_dropped_without_an_answer(byte[] datagram)
    {
        var calls = 0;
        await using var server = PfcpEndpoint.Bind(AnyLoopback, Echo(() => Interlocked.Increment(ref calls)), Fast);
        using var peer = new RawPeer();

        await peer.SendAsync(datagram, server.LocalEndPoint);

        Assert.True(await peer.StaysQuietAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task Messages_following_on_in_one_datagram_are_each_handled()
    {
        var calls = 0;
        await using var server = PfcpEndpoint.Bind(AnyLoopback, Echo(() => Interlocked.Increment(ref calls)), Fast);
        using var peer = new RawPeer();
        var first = RawPeer.Message(PfcpMessageType.HeartbeatRequest, 1);
        first[0] |= 0b100;
        var second = RawPeer.Message(PfcpMessageType.HeartbeatRequest, 2);

        await peer.SendAsync([.. first, .. second], server.LocalEndPoint);
        var answers = new[] { Sequence((await peer.ReceiveAsync()).Datagram), Sequence((await peer.ReceiveAsync()).Datagram) };

        Assert.Equal(2, calls);
        Assert.Equal(new uint[] { 1, 2 }, answers.Order());
    }

    private static uint Sequence(byte[] datagram)
    {
        Assert.True(PfcpHeader.TryRead(datagram, out var header, out var error), error.ToString());
        return header.SequenceNumber;
    }
}
