using Steward.Rpc.Ice.Tests.Server;

namespace Steward.Rpc.Ice.Tests.Client;

/// <summary>Steward's IceChannel calling a servant in ZeroC's Python Ice.</summary>
public sealed class PythonServerTests
{
    private const string Server = """
        import sys, threading, Ice
        Ice.loadSlice(sys.argv[1])
        import Test

        notified = []

        class CalcI(Test.Calc):
            def echo(self, text, current): return text
            def add(self, a, b, current): return a + b
            def fail(self, kind, current):
                if kind == "declared":
                    raise Test.CalcError("declared failure")
                raise RuntimeError("boom " + kind)
            def notify(self, text, current): notified.append(text)
            def context(self, key, current):
                if key == "__notified": return ",".join(notified)
                return current.ctx.get(key, "<none>")
            def slow(self, ms, current): return ms

        with Ice.initialize(sys.argv) as ic:
            adapter = ic.createObjectAdapterWithEndpoints("Calc", "tcp -h 127.0.0.1 -p 0")
            adapter.add(CalcI(), Ice.stringToIdentity("calc"))
            adapter.activate()
            port = adapter.getEndpoints()[0].getInfo().port
            print("ready %d" % port, flush=True)
            def watch():
                sys.stdin.read()
                ic.shutdown()
            threading.Thread(target=watch, daemon=True).start()
            ic.waitForShutdown()
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<TResult> CallAsync<TArgs, TResult>(IceChannel channel, Method<TArgs, TResult> method, TArgs args, Metadata? headers = null)
        where TArgs : class where TResult : class =>
        await channel.CreateCallInvoker().AsyncUnaryCall(method, args, new CallOptions(headers, cancellationToken: Token));

    [Fact]
    public async Task Steward_calls_a_Python_Ice_servant()
    {
        await using var peer = await PythonIce.StartServerAsync(Server);
        using var channel = new IceChannel($"calc:tcp -h 127.0.0.1 -p {peer.Port} -t 10000");
        var options = new CallOptions(cancellationToken: Token);

        await channel.PingAsync(options);
        Assert.True(await channel.IsAAsync("::Test::Calc", options));
        Assert.Equal("::Test::Calc", await channel.IdAsync(options));
        Assert.Equal(["::Ice::Object", "::Test::Calc"], await channel.IdsAsync(options));
        Assert.Equal("héllo wörld", await CallAsync(channel, CalcService.Echo, "héllo wörld"));
        Assert.Equal(-5, (await CallAsync(channel, CalcService.Add, new AddArgs(-9, 4))).Value);
        Assert.Equal("v1", await CallAsync(channel, CalcService.Context, "k", new Metadata { { "k", "v1" } }));

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => CallAsync(channel, CalcService.Add, new AddArgs(i, i))));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => 2 * i), results.Select(r => r.Value));
    }

    [Fact]
    public async Task Python_failures_arrive_as_Ice_exceptions()
    {
        await using var peer = await PythonIce.StartServerAsync(Server);
        using var channel = new IceChannel($"calc:tcp -h 127.0.0.1 -p {peer.Port}");
        using var nobody = channel.WithReference(channel.Reference with { Identity = new IceIdentity("nobody") });
        var missing = await Assert.ThrowsAsync<IceObjectNotExistException>(() => CallAsync(nobody, CalcService.Echo, "x"));
        Assert.Equal("nobody", missing.Identity.Name);
        Assert.Equal("echo", missing.Operation);

        using var facet = channel.WithReference(channel.Reference with { Facet = "nope" });
        var noFacet = await Assert.ThrowsAsync<IceFacetNotExistException>(() => facet.PingAsync(new CallOptions(cancellationToken: Token)));
        Assert.Equal("nope", noFacet.Facet);

        // Python's servant raises RuntimeError: Ice reports it as UnknownException with the Python text.
        var unknown = await Assert.ThrowsAsync<IceUnknownException>(() => CallAsync(channel, CalcService.Fail, "other"));
        Assert.Contains("boom other", unknown.Unknown, StringComparison.Ordinal);

        // A declared exception comes back as a UserException reply and is thrown as its generated type.
        CalcError.Register();
        var user = await Assert.ThrowsAsync<CalcError>(() => CallAsync(channel, CalcService.Fail, "declared"));
        Assert.Equal("declared failure", user.Reason);
    }

    [Fact]
    public async Task Oneway_and_batched_calls_reach_the_Python_servant()
    {
        await using var peer = await PythonIce.StartServerAsync(Server);
        using var channel = new IceChannel($"calc:tcp -h 127.0.0.1 -p {peer.Port}");
        using var oneway = new IceChannel($"calc -o:tcp -h 127.0.0.1 -p {peer.Port}");
        using var batch = oneway.WithReference(oneway.Reference with { Mode = IceInvocationMode.BatchOneway });
        await CallAsync(oneway, CalcService.Notify, "one");
        await CallAsync(batch, CalcService.Notify, "b1");
        await CallAsync(batch, CalcService.Notify, "b2");
        await batch.FlushBatchAsync(Token);
        // The oneways went over the oneway channel's connection; ask over it too (twoway), so they are dispatched first.
        using var ask = oneway.WithReference(oneway.Reference with { Mode = IceInvocationMode.Twoway });
        Assert.Equal("one,b1,b2", await CallAsync(ask, CalcService.Context, "__notified"));
    }
}
