namespace Steward.Rpc.Ice;

public sealed partial class IceOutputStream
{
    /// <summary>Endpoint type of tcp in a marshaled proxy (Ice::TCPEndpointType).</summary>
    internal const short TcpEndpointType = 1;

    /// <summary>
    /// A proxy as data (encoding 1.1): identity, facet, mode, secure, protocol and encoding versions, then the endpoints,
    /// each a type and an encapsulation. Null is written as the empty identity, as Ice does.
    /// </summary>
    public void WriteProxy(IceProxyReference? proxy)
    {
        if (proxy is null)
        {
            new IceIdentity("", "").Write(this);
            return;
        }
        proxy.Identity.Write(this);
        if (proxy.Facet.Length == 0)
        {
            WriteSize(0);
        }
        else
        {
            WriteSize(1);
            WriteString(proxy.Facet);
        }
        WriteByte((byte)proxy.Mode);
        WriteBool(false);
        WriteByte(1);
        WriteByte(0);
        WriteByte(proxy.Encoding.Major);
        WriteByte(proxy.Encoding.Minor);
        WriteSize(proxy.Endpoints.Count);
        foreach (var endpoint in proxy.Endpoints)
        {
            WriteShort(TcpEndpointType);
            StartEncapsulation();
            WriteString(endpoint.Host);
            WriteInt(endpoint.Port);
            WriteInt(endpoint.Timeout);
            WriteBool(endpoint.Compress);
            EndEncapsulation();
        }
    }
}
