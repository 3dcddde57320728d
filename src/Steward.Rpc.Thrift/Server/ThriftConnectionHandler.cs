using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Steward.Rpc.Thrift;

/// <summary>
/// Kestrel's entry point for a Thrift listener: one instance per listener, each accepted connection
/// (plain TCP, Unix socket, or TLS when the listener has <c>UseHttps</c> before it) runs its own loop.
/// </summary>
internal sealed class ThriftConnectionHandler(ThriftDispatcher dispatcher, ThriftServerOptions options, ThriftMethodTable table) : ConnectionHandler
{
    public ThriftDispatcher Dispatcher { get; } = dispatcher;
    public ThriftServerOptions Options { get; } = options;
    public ThriftMethodTable Table { get; } = table;

    public override Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new ThriftServerConnection(this, connection).RunAsync();
    }

    /// <summary>The peer as the core formats it: <c>ipv4:127.0.0.1:5000</c>, <c>ipv6:[::1]:5000</c>, <c>unix:/path</c>.</summary>
    internal static string FormatPeer(EndPoint? endPoint) => endPoint switch
    {
        IPEndPoint { AddressFamily: AddressFamily.InterNetworkV6 } ip => $"ipv6:[{ip.Address}]:{ip.Port}",
        IPEndPoint ip => $"ipv4:{ip.Address}:{ip.Port}",
        UnixDomainSocketEndPoint unix => "unix:" + unix,
        null => "unknown",
        _ => endPoint.ToString() ?? "unknown",
    };
}
