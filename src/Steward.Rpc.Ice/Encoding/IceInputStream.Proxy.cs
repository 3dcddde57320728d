namespace Steward.Rpc.Ice;

public sealed partial class IceInputStream
{
    /// <summary>
    /// A proxy as data (encoding 1.1 or 1.0), or null for the null proxy. Steward keeps tcp endpoints only: endpoints of
    /// other transports are skipped, and a proxy left with none (or an indirect one, which names an adapter) is a
    /// marshal error, since Steward could not call it.
    /// </summary>
    public IceProxyReference? ReadProxy()
    {
        var identity = IceIdentity.Read(this);
        if (identity.Name.Length == 0)
        {
            if (identity.Category.Length != 0)
            {
                throw new IceMarshalException($"A proxy identity has category '{identity.Category}' but no name.");
            }
            return null;
        }
        var facets = ReadSize();
        var facet = facets switch
        {
            0 => "",
            1 => ReadString(),
            _ => throw new IceMarshalException($"A proxy's facet path has {facets} elements (at most one)."),
        };
        var mode = ReadByte();
        if (mode > 4)
        {
            throw new IceMarshalException($"Invalid proxy mode {mode}.");
        }
        if (mode > (byte)IceInvocationMode.BatchOneway)
        {
            throw new IceMarshalException("A datagram proxy needs udp, which Steward does not speak.");
        }
        ReadBool();
        (byte, byte) encoding = (1, 0);
        if (Encoding != (1, 0))
        {
            var protocolMajor = ReadByte();
            ReadByte();
            var encodingMajor = ReadByte();
            var encodingMinor = ReadByte();
            if (protocolMajor != 1 || encodingMajor != 1 || encodingMinor > 1)
            {
                throw new IceMarshalException($"A proxy asks for protocol {protocolMajor}.x and encoding {encodingMajor}.{encodingMinor}.");
            }
            encoding = (encodingMajor, encodingMinor);
        }
        // Each endpoint takes at least its type and an empty encapsulation.
        var count = ReadAndCheckSeqSize(8);
        if (count == 0)
        {
            var adapter = ReadString();
            throw new IceMarshalException($"Proxy '{identity}' is indirect (adapter '{adapter}'): Steward has no locator.");
        }
        var endpoints = new List<IceTcpEndpoint>(count);
        for (var i = 0; i < count; i++)
        {
            var type = ReadShort();
            if (type != IceOutputStream.TcpEndpointType)
            {
                SkipEncapsulation();
                continue;
            }
            StartEncapsulation();
            var host = ReadString();
            var port = ReadInt();
            var timeout = ReadInt();
            var compress = ReadBool();
            EndEncapsulation();
            if (port is < 0 or > 65535)
            {
                throw new IceMarshalException($"A tcp endpoint has port {port}.");
            }
            endpoints.Add(new IceTcpEndpoint(host, port, timeout, compress));
        }
        if (endpoints.Count == 0)
        {
            throw new IceMarshalException($"Proxy '{identity}' has no tcp endpoint (Steward speaks tcp only).");
        }
        return new IceProxyReference
        {
            Identity = identity,
            Facet = facet,
            Mode = (IceInvocationMode)mode,
            Encoding = encoding,
            Endpoints = endpoints,
        };
    }
}
