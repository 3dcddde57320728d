using System.Text;

namespace Steward.Rpc.Corba.Tests.Ior;

public class CorbaUrlTests
{
    [Theory]
    [InlineData("corbaloc:iiop:127.0.0.1:2809/NameService", "1.0", "127.0.0.1", 2809, "NameService")]
    [InlineData("corbaloc::host/key", "1.0", "host", 2809, "key")]
    [InlineData("CORBALOC:IIOP:1.2@host:1234/a%2Fb%00c", "1.2", "host", 1234, "a/b\0c")]
    [InlineData("corbaloc:iiop:[::1]:99/k", "1.0", "::1", 99, "k")]
    [InlineData("corbaloc:iiop:h/", "1.0", "h", 2809, "")]
    public void A_corbaloc_URL_gives_its_address_and_unescaped_key(string url, string version, string host, int port, string key)
    {
        var parsed = CorbaUrl.Parse(url);

        Assert.Equal(CorbaUrlScheme.CorbaLoc, parsed.Scheme);
        var address = Assert.Single(parsed.Addresses);
        Assert.Equal((version, host, (ushort)port), (address.Version.ToString(), address.Host, address.Port));
        Assert.Equal(key, Encoding.Latin1.GetString(parsed.ObjectKey));
    }

    [Fact]
    public void Several_addresses_keep_their_order()
    {
        var parsed = CorbaUrl.Parse("corbaloc::a:1,iiop:1.1@b,:c:3/k");

        Assert.Equal(["a", "b", "c"], parsed.Addresses.Select(a => a.Host));
        Assert.Equal(new GiopVersion(1, 1), parsed.Addresses[1].Version);
    }

    [Fact]
    public void A_corbaname_URL_defaults_its_key_to_NameService_and_parses_its_name()
    {
        var parsed = CorbaUrl.Parse("corbaname::127.0.0.1:2809#StewardTest.Operations/a%5C.b.c");

        Assert.Equal(CorbaUrlScheme.CorbaName, parsed.Scheme);
        Assert.Equal("NameService", Encoding.ASCII.GetString(parsed.ObjectKey));
        Assert.Equal([new CorbaNameComponent("StewardTest", "Operations"), new CorbaNameComponent("a.b", "c")], parsed.Name);
    }

    [Fact]
    public void A_corbaname_URL_without_a_name_is_the_context_itself()
    {
        var parsed = CorbaUrl.Parse("corbaname:iiop:h:5/Other");

        Assert.Empty(parsed.Name);
        Assert.Equal("Other", Encoding.ASCII.GetString(parsed.ObjectKey));
    }

    [Theory]
    [InlineData("corbaloc:iiop:h:1/a b%ff", "corbaloc:iiop:h:1/a%20b%ff")]
    [InlineData("corbaloc::h:2809/k", "corbaloc:iiop:h/k")]
    [InlineData("corbaname::h#a.b/c%5c%2fd", "corbaname:iiop:h/NameService#a.b/c%5c/d")]
    public void ToString_writes_the_canonical_form_which_parses_back(string url, string canonical)
    {
        var text = CorbaUrl.Parse(url.Replace(" ", "%20", StringComparison.Ordinal)).ToString();

        Assert.Equal(canonical, text);
        Assert.Equal(text, CorbaUrl.Parse(text).ToString());
    }

    [Theory]
    [InlineData("corbaloc:rir:/NameService", "rir:", CorbaObjectReference.BadAddressMinor)]
    [InlineData("corbaloc:ssliop:h/k", "'ssliop'", CorbaObjectReference.BadAddressMinor)]
    [InlineData("corbaloc:iiop:h:70000/k", "not a port", CorbaObjectReference.BadAddressMinor)]
    [InlineData("corbaloc:iiop::1/k", "no host", CorbaObjectReference.BadAddressMinor)]
    [InlineData("corbaloc:iiop:1.9@h/k", "not a version Steward speaks", CorbaObjectReference.BadAddressMinor)]
    [InlineData("corbaloc:iiop:x@h/k", "not a version", CorbaObjectReference.BadAddressMinor)]
    [InlineData("corbaloc:iiop:[::1/k", "no closing ]", CorbaObjectReference.BadAddressMinor)]
    [InlineData("corbaloc:iiop:h", "ends with /key", CorbaObjectReference.BadSchemeSpecificPartMinor)]
    [InlineData("corbaloc:iiop:h/%4", "not followed by two hex digits", CorbaObjectReference.BadSchemeSpecificPartMinor)]
    [InlineData("corbaloc:iiop:h/é", "escape it", CorbaObjectReference.BadSchemeSpecificPartMinor)]
    [InlineData("corbaname::h#a//b", "empty component", CorbaObjectReference.BadSchemeSpecificPartMinor)]
    [InlineData("corbaname::h#a.b.c", "second .", CorbaObjectReference.BadSchemeSpecificPartMinor)]
    [InlineData("corbaname::h#a%5C", "escapes neither", CorbaObjectReference.BadSchemeSpecificPartMinor)]
    [InlineData("file:///x", "not a scheme", CorbaObjectReference.BadSchemeMinor)]
    public void A_malformed_URL_is_a_bad_param_saying_what_is_wrong(string url, string why, uint minor)
    {
        var error = Assert.Throws<CorbaSystemException>(() => CorbaUrl.Parse(url));

        Assert.Equal(("BAD_PARAM", minor), (error.Name, error.Minor));
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a", "a", "")]
    [InlineData("a.b", "a", "b")]
    [InlineData(".b", "", "b")]
    [InlineData(".", "", "")]
    [InlineData("a\\/b\\\\.c\\.d", "a/b\\", "c.d")]
    public void A_stringified_name_component_reads_its_id_and_kind_and_writes_back(string text, string id, string kind)
    {
        var component = Assert.Single(CorbaName.Parse(text));

        Assert.Equal(new CorbaNameComponent(id, kind), component);
        Assert.Equal(component, Assert.Single(CorbaName.Parse(CorbaName.ToString([component]))));
    }
}
