using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Steward.Linux.Namespaces;

namespace Steward.N4.Testing;

/// <summary>What a TCP transfer delivered: the byte count and whether the bytes were the ones sent.</summary>
internal sealed record TransferResult(long BytesSent, long BytesReceived, bool SameContent);

/// <summary>
/// Plain sockets opened inside a namespace (a socket stays in the namespace it was created in, whatever thread uses
/// it later), for the traffic the end-to-end tests send from the UE address to the DN host.
/// </summary>
internal static class NamespaceSockets
{
    public static Socket Open(string netns, AddressFamily family, SocketType type, ProtocolType protocol) =>
        NetworkNamespace.Run(N4Topology.PathOf(netns), () => new Socket(family, type, protocol));

    /// <summary>
    /// Sends <paramref name="length"/> seeded random bytes over TCP from <paramref name="source"/> in
    /// <paramref name="fromNetns"/> to a listener on <paramref name="destination"/> in <paramref name="toNetns"/>.
    /// </summary>
    public static async Task<TransferResult> TcpTransferAsync(string fromNetns, IPAddress source, string toNetns, IPEndPoint destination, int length, CancellationToken cancellationToken)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        using var listener = Open(toNetns, AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(destination);
        listener.Listen(1);
        using var client = Open(fromNetns, AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Bind(new IPEndPoint(source, 0));

        var accept = listener.AcceptAsync(cancellationToken).AsTask();
        await client.ConnectAsync(destination, cancellationToken);
        using var server = await accept;
        var receive = Task.Run(async () =>
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[65536];
            long total = 0;
            int n;
            while ((n = await server.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, n);
                total += n;
            }
            return (total, hash.GetHashAndReset());
        }, cancellationToken);
        await client.SendAsync(data, SocketFlags.None, cancellationToken);
        client.Shutdown(SocketShutdown.Send);
        var (received, digest) = await receive;
        return new TransferResult(length, received, digest.AsSpan().SequenceEqual(SHA256.HashData(data)));
    }
}
