namespace Steward.Rpc.Ice.Tests.Protocol;

/// <summary>Proxies as data, checked against bytes Ice for C++ 3.7.8 wrote (Ice::OutputStream::write of the same proxies).</summary>
public sealed class ProxyDataTests
{
    private const string TwoEndpoints = "04746573740363617401026661010001000101020100190000000101093132372e302e302e3110270000881300000101001200000001010268320200000060ea000000";
    private const string OneEndpoint = "04746573740000000001000101010100190000000101093132372e302e302e311027000060ea000000";

    [Theory]
    [InlineData("cat/test -f fa -o:tcp -h 127.0.0.1 -p 10000 -t 5000 -z:tcp -h h2 -p 2", TwoEndpoints, "cat/test -f fa -o -e 1.1:tcp -h 127.0.0.1 -p 10000 -t 5000 -z:tcp -h h2 -p 2 -t 60000")]
    [InlineData("test:tcp -h 127.0.0.1 -p 10000", OneEndpoint, "test -t -e 1.1:tcp -h 127.0.0.1 -p 10000 -t 60000")]
    public void A_proxy_is_written_and_read_as_Ice_for_Cpp_does(string text, string cppBytes, string cppString)
    {
        var proxy = IceProxyReference.Parse(text);
        var output = new IceOutputStream();
        output.WriteProxy(proxy);
        Assert.Equal(cppBytes, Convert.ToHexStringLower(output.WrittenSpan));

        var read = new IceInputStream(Convert.FromHexString(cppBytes)).ReadProxy();
        Assert.NotNull(read);
        Assert.Equal(cppString, read.ToString());
        Assert.Equal(cppString, proxy.ToString());
    }

    [Fact]
    public void The_null_proxy_is_an_empty_identity()
    {
        var output = new IceOutputStream();
        output.WriteProxy(null);
        Assert.Equal([0, 0], output.ToArray());
        Assert.Null(new IceInputStream(new byte[] { 0, 0 }).ReadProxy());
    }

    [Theory]
    [InlineData("0161 00 00 00 00 0100 0101 00 0141", "indirect (adapter 'A')")]
    [InlineData("0161 00 00 03 00 0100 0101 00", "datagram")]
    [InlineData("0161 00 00 07 00 0100 0101 00", "Invalid proxy mode 7")]
    [InlineData("0161 00 00 00 00 0100 0101 01 0200 06000000 0101", "no tcp endpoint")]
    [InlineData("0161 00 00 00 00 0100 0101 05 0100 06000000 0101", "sequence of 5 elements")]
    [InlineData("00 0163", "category 'c' but no name")]
    public void Proxies_Steward_cannot_call_are_marshal_errors(string hex, string reason)
    {
        var input = new IceInputStream(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)));
        var ex = Assert.ThrowsAny<IceMarshalException>(() => input.ReadProxy());
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }
}
