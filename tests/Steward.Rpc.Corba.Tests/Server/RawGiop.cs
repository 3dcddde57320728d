using System.Net.Sockets;

namespace Steward.Rpc.Corba.Tests.Server;

/// <summary>A raw TCP connection to a GIOP server: send hand-built bytes, read whole messages back.</summary>
internal sealed class RawGiop(Socket socket) : IDisposable
{
    private readonly List<byte> _buffer = new();

    public static async Task<RawGiop> ConnectAsync(CorbaTestHost host) => new(await host.ConnectRawAsync());

    public Task SendAsync(byte[] message) => socket.SendAsync(message, SocketFlags.None, TestContext.Current.CancellationToken).AsTask();

    public void ShutdownSend() => socket.Shutdown(SocketShutdown.Send);

    /// <summary>The next whole message; null when the server closed the connection.</summary>
    public async Task<(GiopHeader Header, byte[] Message)?> ReadAsync()
    {
        var chunk = new byte[4096];
        while (true)
        {
            if (_buffer.Count >= GiopHeader.Length)
            {
                var header = GiopHeader.Read(_buffer.ToArray().AsSpan(0, GiopHeader.Length), int.MaxValue);
                if (_buffer.Count >= header.MessageSize)
                {
                    var message = _buffer.GetRange(0, header.MessageSize).ToArray();
                    _buffer.RemoveRange(0, header.MessageSize);
                    return (header, message);
                }
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            // A safety net against a hung test, not an assertion about time.
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            int read;
            try
            {
                read = await socket.ReceiveAsync(chunk, SocketFlags.None, timeout.Token);
            }
            catch (SocketException)
            {
                return null;
            }
            if (read == 0)
            {
                return null;
            }
            _buffer.AddRange(chunk.AsSpan(0, read));
        }
    }

    /// <summary>The next message, which must be a Reply; decoded.</summary>
    public async Task<GiopReply> ReadReplyAsync()
    {
        var next = await ReadAsync();
        Assert.NotNull(next);
        Assert.Equal(GiopMessageType.Reply, next.Value.Header.Type);
        return GiopCodec.DecodeReply(next.Value.Header, next.Value.Message, CdrLimits.Default);
    }

    public void Dispose() => socket.Dispose();
}
