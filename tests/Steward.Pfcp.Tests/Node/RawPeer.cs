using System.Net;
using System.Net.Sockets;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Tests.Node;

/// <summary>A bare UDP socket on loopback that plays the other PFCP node octet by octet.</summary>
internal sealed class RawPeer : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));

    public IPEndPoint EndPoint => (IPEndPoint)_udp.Client.LocalEndPoint!;

    public Task SendAsync(byte[] datagram, IPEndPoint to) => _udp.SendAsync(datagram, to).AsTask();

    public async Task<(byte[] Datagram, IPEndPoint From)> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        var result = await _udp.ReceiveAsync(cancel.Token);
        return (result.Buffer, result.RemoteEndPoint);
    }

    /// <summary>Whether nothing arrives within <paramref name="wait"/>.</summary>
    public async Task<bool> StaysQuietAsync(TimeSpan wait)
    {
        try
        {
            await ReceiveAsync(wait);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public static byte[] Message(PfcpMessageType type, uint sequence, params byte[] body) =>
        Node.PfcpEndpointTests.Compose(PfcpHeader.ForNode(type, sequence), body);

    public void Dispose() => _udp.Dispose();
}
