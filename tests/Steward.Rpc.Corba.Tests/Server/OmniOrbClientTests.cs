namespace Steward.Rpc.Corba.Tests.Server;

/// <summary>Steward's server called by omniORB 4.2 (a C++ client through the DII), with each GIOP version omniORB speaks.</summary>
public sealed class OmniOrbClientTests
{
    [Theory]
    [InlineData("1.2", false)]
    [InlineData("1.2", true)]
    [InlineData("1.1", false)]
    [InlineData("1.0", false)]
    public async Task OmniORB_calls_built_ins_and_operations_on_a_Steward_object(string giop, bool linux)
    {
        await using var host = await CorbaTestHost.StartAsync(linux);
        // Wide strings only in GIOP 1.2: omniORB picks its UTF-16 converter by the IOR's IIOP version (1.2) and so writes
        // wstrings in the 1.2 form even inside GIOP 1.1 messages (it has no UTF-16 converter for 1.1), which a GIOP 1.1
        // reader following the spec's 1.1 form cannot read; GIOP 1.0 has no wide characters at all.
        var wide = giop == "1.2";
        var lines = await OmniOrbProbe.RunAsync(host.Ior(), CalcService.RepositoryId, wide, "-ORBmaxGIOPVersion", giop);
        Assert.False(lines.ContainsKey("system"), lines.GetValueOrDefault("system"));
        Assert.Equal("1", lines["is_a"]);
        Assert.Equal("0", lines["is_a_other"]);
        Assert.Equal("0", lines["non_existent"]);
        Assert.Equal("héllo", lines["echo"]);
        Assert.Equal("42", lines["add"]);
        if (wide)
        {
            Assert.Equal("ok", lines["wecho"]);
        }
        Assert.Equal("BAD_OPERATION", lines["nope"]);
    }

    [Fact]
    public async Task OmniORB_sees_an_unknown_key_as_a_non_existent_object()
    {
        await using var host = await CorbaTestHost.StartAsync();
        var lines = await OmniOrbProbe.RunAsync(host.Ior("gone"), CalcService.RepositoryId, wide: false);
        // omniORB answers _is_a for the IOR's own type id locally; asked for another id, it asks the server and gets OBJECT_NOT_EXIST.
        Assert.True(lines.TryGetValue("system", out var system), string.Join("; ", lines.Select(l => $"{l.Key}={l.Value}")));
        Assert.StartsWith("OBJECT_NOT_EXIST", system, StringComparison.Ordinal);
    }
}
