using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Steward.Rpc.Corba.Tests.Server;

namespace Steward.Rpc.Corba.Tests.Client;

/// <summary>The client against a scripted GIOP peer: LOCATION_FORWARD, NEEDS_ADDRESSING_MODE, a reply it cannot read, a vanished server.</summary>
public sealed class ForwardingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A one-connection GIOP server that answers each request with what the answer function builds (null: drop the connection).</summary>
    private sealed class ScriptedPeer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Task _serving;

        public ScriptedPeer(Func<GiopRequest, byte[]?> answer)
        {
            _listener.Start();
            _serving = Task.Run(async () =>
            {
                using var client = await _listener.AcceptTcpClientAsync(Token);
                var stream = client.GetStream();
                var input = PipeReader.Create(stream);
                while (await GiopFrameReader.ReadAsync(input, CdrLimits.Default.MaxMessageSize, Token) is var (header, message))
                {
                    if (header.Type != GiopMessageType.Request)
                    {
                        continue;
                    }
                    var request = GiopCodec.DecodeRequest(header, message, CdrLimits.Default);
                    Requests.Add(request);
                    if (answer(request) is not { } reply)
                    {
                        client.Client.Shutdown(SocketShutdown.Both);
                        return;
                    }
                    await stream.WriteAsync(reply, Token);
                }
            });
        }

        public List<GiopRequest> Requests { get; } = new();

        public CorbaObjectReference Reference(string key = "calc") => CorbaObjectReference.ForIiop(CalcService.RepositoryId,
            new IiopProfile(GiopVersion.V1_2, "127.0.0.1", (ushort)((IPEndPoint)_listener.LocalEndpoint).Port, System.Text.Encoding.ASCII.GetBytes(key), []));

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            try
            {
                await _serving;
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
            }
        }
    }

    private static Task<TResult> CallAsync<TArgs, TResult>(CorbaChannel channel, Method<TArgs, TResult> method, TArgs args)
        where TArgs : class where TResult : class =>
        channel.CreateCallInvoker().AsyncUnaryCall(method, args, new CallOptions(cancellationToken: Token)).ResponseAsync;

    [Fact]
    public async Task LOCATION_FORWARD_is_followed_to_the_object_it_names()
    {
        await using var host = await CorbaTestHost.StartAsync();
        var target = host.Adapter.CreateReference("calc", CalcService.RepositoryId);
        await using var peer = new ScriptedPeer(r => GiopCodec.EncodeReply(r.Version, r.RequestId, GiopReplyStatus.LocationForward, [], CodeSets.Default, CorbaObjectReference.Write, target));
        using var channel = new CorbaChannel(peer.Reference("elsewhere"));
        Assert.Equal(9, (await CallAsync(channel, CalcService.Add, new AddArgs(4, 5))).Value);
        Assert.Single(peer.Requests);
    }

    [Fact]
    public async Task Endless_forwarding_stops_with_TRANSIENT()
    {
        ScriptedPeer? self = null;
        await using var peer = self = new ScriptedPeer(r => GiopCodec.EncodeReply(r.Version, r.RequestId, GiopReplyStatus.LocationForwardPerm, [], CodeSets.Default,
            CorbaObjectReference.Write, self!.Reference()));
        using var channel = new CorbaChannel(peer.Reference(), new CorbaChannelOptions { MaxForwards = 3 });
        var ex = await Assert.ThrowsAsync<CorbaSystemException>(() => CallAsync(channel, CalcService.Add, new AddArgs(1, 1)));
        Assert.Equal("TRANSIENT", ex.Name);
        Assert.Equal(4, peer.Requests.Count);
    }

    [Fact]
    public async Task NEEDS_ADDRESSING_MODE_makes_the_client_resend_with_the_asked_disposition()
    {
        await using var peer = new ScriptedPeer(r => r.Target.Disposition == GiopTarget.ProfileAddr
            ? GiopCodec.EncodeReply(r.Version, r.RequestId, GiopReplyStatus.NoException, [], CodeSets.Default, static (o, v) => o.WriteLong(v), 77)
            : GiopCodec.EncodeReply(r.Version, r.RequestId, GiopReplyStatus.NeedsAddressingMode, [], CodeSets.Default, static (o, v) => o.WriteShort(v), GiopTarget.ProfileAddr));
        using var channel = new CorbaChannel(peer.Reference());
        Assert.Equal(77, (await CallAsync(channel, CalcService.Add, new AddArgs(0, 0))).Value);
        Assert.Equal([GiopTarget.KeyAddr, GiopTarget.ProfileAddr], peer.Requests.Select(r => r.Target.Disposition));
        Assert.Equal("calc"u8.ToArray(), peer.Requests[1].Target.ResolveKey(CdrLimits.Default));
    }

    [Fact]
    public async Task An_unknown_user_exception_is_UNKNOWN_and_an_unreadable_reply_is_MARSHAL_completed_MAYBE()
    {
        await using var peer = new ScriptedPeer(r => r.Operation == "fail"
            ? GiopCodec.EncodeReply(r.Version, r.RequestId, GiopReplyStatus.UserException, [], CodeSets.Default, static (o, v) => o.WriteString(v), "IDL:Test/Nobody:1.0")
            : GiopCodec.EncodeReply(r.Version, r.RequestId, GiopReplyStatus.NoException, [], CodeSets.Default, static (o, v) => o.WriteOctet(v), (byte)1));
        using var channel = new CorbaChannel(peer.Reference());
        var unknown = await Assert.ThrowsAsync<CorbaSystemException>(() => CallAsync(channel, CalcService.Fail, new Boxed<string>("x")));
        Assert.Equal(("UNKNOWN", CompletionStatus.Maybe), (unknown.Name, unknown.Completed));
        var marshal = await Assert.ThrowsAsync<CorbaSystemException>(() => CallAsync(channel, CalcService.Add, new AddArgs(1, 1)));
        Assert.Equal(("MARSHAL", CompletionStatus.Maybe), (marshal.Name, marshal.Completed));
    }

    [Fact]
    public async Task A_connection_that_breaks_during_a_call_is_COMM_FAILURE_completed_MAYBE()
    {
        await using var peer = new ScriptedPeer(_ => null);
        using var channel = new CorbaChannel(peer.Reference());
        var ex = await Assert.ThrowsAsync<CorbaSystemException>(() => CallAsync(channel, CalcService.Add, new AddArgs(1, 1)));
        Assert.Equal(("COMM_FAILURE", CompletionStatus.Maybe), (ex.Name, ex.Completed));
    }
}
