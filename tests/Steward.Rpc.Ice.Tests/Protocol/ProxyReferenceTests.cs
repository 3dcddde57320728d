namespace Steward.Rpc.Ice.Tests.Protocol;

public sealed class ProxyReferenceTests
{
    [Fact]
    public void A_direct_proxy_is_parsed_and_written_as_Ice_3_7_writes_it()
    {
        var proxy = IceProxyReference.Parse("test:tcp -h 127.0.0.1 -p 10000 -t 5000");
        Assert.Equal(new IceIdentity("test"), proxy.Identity);
        Assert.Equal(new IceTcpEndpoint("127.0.0.1", 10000, 5000), Assert.Single(proxy.Endpoints));
        Assert.Equal("test -t -e 1.1:tcp -h 127.0.0.1 -p 10000 -t 5000", proxy.ToString());
        Assert.Equal(proxy, IceProxyReference.Parse(proxy.ToString()) with { Endpoints = proxy.Endpoints });
    }

    [Fact]
    public void Category_facet_mode_encoding_and_several_endpoints_are_read()
    {
        var proxy = IceProxyReference.Parse("\"cat/my name\" -f admin -O -e 1.0 -p 1.0:tcp -h a -p 1 -z:default -p 2 -t infinite");
        Assert.Equal(new IceIdentity("my name", "cat"), proxy.Identity);
        Assert.Equal("admin", proxy.Facet);
        Assert.Equal(IceInvocationMode.BatchOneway, proxy.Mode);
        Assert.Equal(((byte)1, (byte)0), proxy.Encoding);
        Assert.Equal([new IceTcpEndpoint("a", 1, IceTcpEndpoint.DefaultTimeout, Compress: true), new IceTcpEndpoint("127.0.0.1", 2, -1)], proxy.Endpoints);
        Assert.Equal("\"cat/my name\" -f admin -O -e 1.0:tcp -h a -p 1 -t 60000 -z:tcp -h 127.0.0.1 -p 2 -t infinite", proxy.ToString());
    }

    [Fact]
    public void Identities_escape_slashes_and_control_characters_both_ways()
    {
        var identity = new IceIdentity("a/b\\c\n", "x/y");
        Assert.Equal("x\\/y/a\\/b\\\\c\\n", identity.ToString());
        Assert.Equal(identity, IceIdentity.Parse(identity.ToString()));
        Assert.Equal(new IceIdentity("é", ""), IceIdentity.Parse("\\u00e9"));
    }

    [Theory]
    [InlineData("test", "well-known (indirect)")]
    [InlineData("test @ Adapter", "indirect (@Adapter)")]
    [InlineData("test:ssl -h a -p 1", "transport 'ssl' is not supported")]
    [InlineData("test:udp -h a -p 1", "transport 'udp' is not supported")]
    [InlineData("test -d:tcp -h a -p 1", "datagram")]
    [InlineData("test -s:tcp -h a -p 1", "secure")]
    [InlineData("test -e 2.0:tcp -h a -p 1", "encoding 2.0")]
    [InlineData("test -p 2.0:tcp -h a -p 1", "protocol 1.0 only")]
    [InlineData("test -x:tcp -h a -p 1", "unknown option '-x'")]
    [InlineData("test:tcp -h a", "no port")]
    [InlineData("test:tcp -h a -p 70000", "bad port")]
    [InlineData("test:tcp -h a -p 1 -t 0", "bad timeout")]
    [InlineData("test:tcp -h a -p 1 -q", "unknown option '-q'")]
    [InlineData("\"test:tcp -h a -p 1", "unterminated quote")]
    [InlineData("a/b/c:tcp -h a -p 1", "more than one unescaped '/'")]
    [InlineData("cat/:tcp -h a -p 1", "empty name")]
    public void Proxies_Steward_cannot_use_are_refused_with_the_reason(string text, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => IceProxyReference.Parse(text));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }
}
