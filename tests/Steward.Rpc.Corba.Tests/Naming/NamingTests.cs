using Steward.Rpc.Corba.Naming;
using Steward.Rpc.Corba.Tests.Server;

namespace Steward.Rpc.Corba.Tests.Naming;

/// <summary>The CosNaming client against a real omniNames started by each test.</summary>
public sealed class NamingTests
{
    private static CallOptions Options => new(cancellationToken: TestContext.Current.CancellationToken);

    private static NameComponent[] N(string text) => CosNames.Parse(text);

    [Fact]
    public async Task Bind_then_resolve_returns_the_reference_and_a_second_bind_is_AlreadyBound()
    {
        await using var names = await OmniNames.StartAsync();
        await using var host = await CorbaTestHost.StartAsync();
        using var root = NamingContextClient.Connect(names.Corbaloc);
        var calc = host.Adapter.CreateReference("calc", CalcService.RepositoryId);
        await root.BindAsync(N("calc.object"), calc, Options);
        var resolved = await root.ResolveAsync("calc.object", Options);
        Assert.Equal(CalcService.RepositoryId, resolved.TypeId);
        Assert.Equal("calc"u8.ToArray(), resolved.FindIiopProfile()!.ObjectKey);
        var again = await Assert.ThrowsAsync<NamingException>(() => root.BindAsync(N("calc.object"), calc, Options));
        Assert.True(again.IsAlreadyBound);
        // The resolved reference is callable: omniNames handed back Steward's IOR intact.
        using var channel = new CorbaChannel(resolved);
        Assert.True(await channel.IsAAsync(CalcService.RepositoryId, Options));
    }

    [Fact]
    public async Task Resolving_a_missing_name_is_NotFound_missing_node_with_the_rest_of_the_name()
    {
        await using var names = await OmniNames.StartAsync();
        using var root = NamingContextClient.Connect(names.Corbaloc);
        var ex = await Assert.ThrowsAsync<NotFoundException>(() => root.ResolveAsync("nowhere/thing", Options));
        Assert.Equal(NotFoundReason.MissingNode, ex.Why);
        Assert.Equal(N("nowhere/thing"), ex.RestOfName);
        var invalid = await Assert.ThrowsAsync<NamingException>(() => root.ResolveAsync([], Options));
        Assert.True(invalid.IsInvalidName);
    }

    [Fact]
    public async Task Rebind_replaces_and_unbind_removes()
    {
        await using var names = await OmniNames.StartAsync();
        await using var host = await CorbaTestHost.StartAsync();
        using var root = NamingContextClient.Connect(names.Corbaloc);
        await root.BindAsync(N("x"), host.Adapter.CreateReference("one", CalcService.RepositoryId), Options);
        await root.RebindAsync(N("x"), host.Adapter.CreateReference("two", CalcService.RepositoryId), Options);
        Assert.Equal("two"u8.ToArray(), (await root.ResolveAsync("x", Options)).FindIiopProfile()!.ObjectKey);
        await root.UnbindAsync(N("x"), Options);
        await Assert.ThrowsAsync<NotFoundException>(() => root.ResolveAsync("x", Options));
    }

    [Fact]
    public async Task Bind_new_context_makes_a_context_that_names_resolve_through()
    {
        await using var names = await OmniNames.StartAsync();
        await using var host = await CorbaTestHost.StartAsync();
        using var root = NamingContextClient.Connect(names.Corbaloc);
        var context = await root.BindNewContextAsync(N("apps.ctx"), Options);
        Assert.Contains("NamingContext", context.TypeId, StringComparison.Ordinal);
        using var apps = root.WithContext(context);
        await apps.BindAsync(N("calc"), host.Adapter.CreateReference("calc", CalcService.RepositoryId), Options);
        Assert.Equal("calc"u8.ToArray(), (await root.ResolveAsync("apps.ctx/calc", Options)).FindIiopProfile()!.ObjectKey);
        Assert.Equal("apps.ctx/calc", await root.ToStringAsync(N("apps.ctx/calc"), Options));
        Assert.Equal(N("a\\/b.c/d"), await root.ToNameAsync("a\\/b.c/d", Options));
        var notContext = await Assert.ThrowsAsync<NotFoundException>(() => root.ResolveAsync("apps.ctx/calc/deeper", Options));
        Assert.Equal(NotFoundReason.NotContext, notContext.Why);
    }

    [Fact]
    public async Task List_with_an_iterator_returns_every_binding_when_there_are_more_than_how_many()
    {
        await using var names = await OmniNames.StartAsync();
        await using var host = await CorbaTestHost.StartAsync();
        using var root = NamingContextClient.Connect(names.Corbaloc);
        var calc = host.Adapter.CreateReference("calc", CalcService.RepositoryId);
        for (var i = 0; i < 7; i++)
        {
            await root.BindAsync([new NameComponent($"obj{i}", "k")], calc, Options);
        }
        await root.BindNewContextAsync(N("sub"), Options);
        var (first, iterator) = await root.ListAsync(3, Options);
        Assert.Equal(3, first.Count);
        Assert.NotNull(iterator);
        var all = new List<Binding>(first);
        using (iterator)
        {
            while (true)
            {
                var (more, next) = await iterator.NextNAsync(2, Options);
                Assert.True(next.Count <= 2);
                all.AddRange(next);
                if (!more)
                {
                    break;
                }
            }
            await iterator.DestroyAsync(Options);
        }
        Assert.Equal(8, all.Count);
        Assert.Equal(BindingType.Context, Assert.Single(all, b => b.Name[0].Id == "sub").Type);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"obj{i}.k").Order(), all.Where(b => b.Type == BindingType.Object).Select(b => CosNames.ToString(b.Name)).Order());
        Assert.Equal(8, (await root.ListAllAsync(3, Options)).Count);
    }

    [Fact]
    public async Task Nameclt_sees_what_Steward_bound()
    {
        await using var names = await OmniNames.StartAsync();
        await using var host = await CorbaTestHost.StartAsync();
        using var root = NamingContextClient.Connect(names.Corbaloc);
        await root.BindAsync(N("steward.calc"), host.Adapter.CreateReference("calc", CalcService.RepositoryId), Options);
        await root.BindNewContextAsync(N("folder"), Options);
        var listing = await names.NameCltAsync("list");
        Assert.Contains("steward.calc", listing, StringComparison.Ordinal);
        Assert.Contains("folder", listing, StringComparison.Ordinal);
        var ior = (await names.NameCltAsync("resolve", "steward.calc")).Trim();
        Assert.Equal(host.Ior(), ior);
    }

    [Theory]
    [InlineData("a.b/c", new[] { "a", "b", "c", "" })]
    [InlineData(".", new[] { "", "" })]
    [InlineData("a.", new[] { "a", "" })]
    [InlineData(".k", new[] { "", "k" })]
    [InlineData("a\\.b\\/c.d", new[] { "a.b/c", "d" })]
    public void String_names_parse_by_the_INS_rules_and_print_back(string text, string[] parts)
    {
        var name = CosNames.Parse(text);
        Assert.Equal(parts, name.SelectMany(c => new[] { c.Id, c.Kind }));
        Assert.Equal(name, CosNames.Parse(CosNames.ToString(name)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a//b")]
    [InlineData("a/")]
    [InlineData("a.b.c")]
    [InlineData("a\\")]
    public void Malformed_string_names_are_InvalidName(string text) =>
        Assert.True(Assert.Throws<NamingException>(() => CosNames.Parse(text)).IsInvalidName);
}
