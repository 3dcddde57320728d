using Steward.Rpc.Corba.Tests.Naming;

namespace Steward.Cli.Tests;

/// <summary><c>steward corba ns</c> against a real omniNames, checked with omniORB's nameclt.</summary>
public sealed class CorbaNsCommandTests
{
    [Fact]
    public async Task Ns_binds_lists_resolves_and_unbinds_as_nameclt_sees_it()
    {
        await using var names = await OmniNames.StartAsync();
        string[] Ns(params string[] args) => ["corba", "ns", "--ns", $"corbaname::127.0.0.1:{names.Port}", .. args];

        var created = StewardCli.Run(Ns("bind-new-context", "apps.ctx"));
        Assert.True(created.ExitCode == 0, created.Stderr);
        var context = created.Stdout.Trim();
        Assert.StartsWith("IOR:", context, StringComparison.Ordinal);

        Assert.Equal(0, StewardCli.Run(Ns("bind", "apps.ctx/thing.obj", context)).ExitCode);
        var list = StewardCli.Run(Ns("list"));
        Assert.Equal("apps.ctx/\n", list.Stdout);
        Assert.Equal("thing.obj\n", StewardCli.Run(Ns("list", "apps.ctx")).Stdout);
        Assert.Equal(context, StewardCli.Run(Ns("resolve", "apps.ctx/thing.obj")).Stdout.Trim());
        Assert.Equal(context, (await names.NameCltAsync("resolve", "apps.ctx/thing.obj")).Trim());

        var again = StewardCli.Run(Ns("bind", "apps.ctx/thing.obj", context));
        Assert.Equal((1, "bind: AlreadyBound exception"), (again.ExitCode, again.Stderr.Trim()));
        Assert.Equal(0, StewardCli.Run(Ns("rebind", "apps.ctx/thing.obj", context)).ExitCode);

        Assert.Equal(0, StewardCli.Run(Ns("unbind", "apps.ctx/thing.obj")).ExitCode);
        var missing = StewardCli.Run(Ns("resolve", "apps.ctx/thing.obj"));
        Assert.Equal((1, "resolve: NotFound exception: missing node"), (missing.ExitCode, missing.Stderr.Trim()));
        Assert.Equal("apps.ctx/", (await names.NameCltAsync("list")).Trim());
    }

    [Fact]
    public void Ns_reports_an_unreachable_naming_service_and_exits_1()
    {
        var (code, _, stderr) = StewardCli.Run("corba", "ns", "--ns", "corbaloc:iiop:1.2@127.0.0.1:1/NameService", "list");
        Assert.Equal(1, code);
        Assert.Contains("CORBA::TRANSIENT", stderr, StringComparison.Ordinal);
    }
}
