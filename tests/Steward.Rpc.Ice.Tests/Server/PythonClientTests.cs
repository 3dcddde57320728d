using Steward.Rpc.Ice.Tests.Client;

namespace Steward.Rpc.Ice.Tests.Server;

/// <summary>ZeroC's Python Ice client calling Steward's object adapter, on Kestrel's sockets and on the Linux transport.</summary>
public sealed class PythonClientTests
{
    // Prints one "name=value" line per check; the test compares them all.
    private const string Client = """
        import sys, Ice
        Ice.loadSlice(sys.argv[1])
        import Test

        def report(name, value): print("%s=%s" % (name, value), flush=True)

        def expect(name, call, kind):
            try:
                call()
                report(name, "no exception")
            except kind as e:
                detail = getattr(e, "unknown", None) or "|".join([Ice.identityToString(e.id), e.facet, e.operation]) if not hasattr(e, "unknown") else e.unknown
                report(name, type(e).__name__ + ":" + str(detail))

        with Ice.initialize(sys.argv) as ic:
            base = ic.stringToProxy("calc:tcp -h 127.0.0.1 -p %s -t 10000" % sys.argv[2])
            p = Test.CalcPrx.checkedCast(base)
            p.ice_ping()
            report("isA", p.ice_isA("::Test::Calc"))
            report("isA-other", p.ice_isA("::Test::Other"))
            report("id", p.ice_id())
            report("ids", ",".join(p.ice_ids()))
            report("echo", p.echo("h\u00e9llo"))
            report("add", p.add(40, 2))
            report("context", p.context("k", {"k": "v1"}))
            report("ctx-none", p.context("k"))
            futures = [p.addAsync(i, i) for i in range(100)]
            report("concurrent", sum(f.result() for f in futures))
            expect("no-object", lambda: ic.stringToProxy("nobody:tcp -h 127.0.0.1 -p %s" % sys.argv[2]).ice_ping(), Ice.ObjectNotExistException)
            expect("no-facet", lambda: p.ice_facet("missing").ice_ping(), Ice.FacetNotExistException)
            expect("no-op", lambda: p.ice_invoke("nope", Ice.OperationMode.Normal, bytes()), Ice.OperationNotExistException)
            try:
                p.fail("declared")
            except Test.CalcError as e:
                report("declared", e.reason)
            expect("undeclared", lambda: p.fail("undeclared"), Ice.UnknownUserException)
            expect("rpc", lambda: p.fail("rpc"), Ice.UnknownLocalException)
            expect("other", lambda: p.fail("other"), Ice.UnknownException)
            report("facet", Test.CalcPrx.uncheckedCast(p.ice_facet("admin")).echo("admin"))
            report("default-servant", Test.CalcPrx.uncheckedCast(ic.stringToProxy("users/bob:tcp -h 127.0.0.1 -p %s" % sys.argv[2])).echo("bob"))
            p.ice_oneway().notify("one")
            b = p.ice_batchOneway()
            b.notify("b1")
            b.notify("b2")
            b.ice_flushBatchRequests()
            report("after-oneway", p.echo("still"))
        """;

    public static TheoryData<bool> Transports => new() { false, true };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_Python_Ice_client_gets_what_ZeroC_servers_answer(bool linux)
    {
        await using var host = await IceTestHost.StartAsync(linux, core: o => o.Dispatch = DispatchMode.ThreadPool);
        var lines = await PythonIce.RunClientAsync(Client, host.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var results = lines.Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        Assert.Equal("True", results["isA"]);
        Assert.Equal("False", results["isA-other"]);
        Assert.Equal("::Test::Calc", results["id"]);
        Assert.Equal("::Ice::Object,::Test::Calc", results["ids"]);
        Assert.Equal("héllo", results["echo"]);
        Assert.Equal("42", results["add"]);
        Assert.Equal("v1", results["context"]);
        Assert.Equal("<none>", results["ctx-none"]);
        Assert.Equal((99 * 100).ToString(System.Globalization.CultureInfo.InvariantCulture), results["concurrent"]);
        Assert.Equal("ObjectNotExistException:nobody||ice_ping", results["no-object"]);
        Assert.Equal("FacetNotExistException:calc|missing|ice_ping", results["no-facet"]);
        Assert.Equal("OperationNotExistException:calc||nope", results["no-op"]);
        Assert.Equal("declared failure", results["declared"]);
        Assert.Equal("UnknownUserException:::Test::StrayError", results["undeclared"]);
        Assert.Equal("UnknownLocalException:PermissionDenied: no entry", results["rpc"]);
        Assert.Equal("UnknownException:unknown exception in 'fail'", results["other"]);
        Assert.Equal("admin", results["facet"]);
        Assert.Equal("bob", results["default-servant"]);
        Assert.Equal("still", results["after-oneway"]);
        // The oneway and the batch were sent before the last twoway call on the same connection, but dispatched
        // concurrently: wait for all three.
        for (var i = 0; i < 3; i++)
        {
            await host.State.NotifiedSignal.WaitAsync(TestContext.Current.CancellationToken);
        }
        Assert.Equal(["b1", "b2", "one"], host.State.Notified.Order(StringComparer.Ordinal));
    }
}
