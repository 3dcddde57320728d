using System.Net;
using System.Net.Sockets;

namespace GrpcInterop.Tests;

/// <summary>
/// A loopback TCP relay for h2c (prior knowledge) that reads the client's HTTP/2 DATA frames as they pass
/// and records every gRPC message the client sent: its stream, the compressed flag of its 5-byte prefix and
/// its length. The one place where grpcio's server side cannot look, checked on the wire instead.
/// </summary>
internal sealed class Http2CaptureProxy : IAsyncDisposable
{
    public sealed record Message(int StreamId, bool Compressed, int Length);

    private const int PrefaceLength = 24;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Message> _messages = [];
    private readonly List<Task> _relays = [];
    private readonly Task _accepting;

    public Http2CaptureProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<Message> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var upstream = new TcpClient();
                await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
                var parser = new ClientFrameParser(this);
                lock (_relays)
                {
                    _relays.Add(RelayAsync(client, upstream, parser));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task RelayAsync(TcpClient client, TcpClient upstream, ClientFrameParser parser)
    {
        using (client)
        using (upstream)
        {
            var up = PumpAsync(client.GetStream(), upstream.GetStream(), parser);
            var down = PumpAsync(upstream.GetStream(), client.GetStream(), null);
            await Task.WhenAny(up, down);
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, ClientFrameParser? parser)
    {
        var buffer = new byte[65536];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                parser?.Feed(buffer.AsSpan(0, read));
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Either side closing ends the relay.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] relays;
        lock (_relays)
        {
            relays = [.. _relays];
        }
        await Task.WhenAll(relays);
        _stop.Dispose();
    }

    /// <summary>Client → server bytes: the connection preface, then frames; DATA payloads are split into gRPC messages per stream.</summary>
    private sealed class ClientFrameParser(Http2CaptureProxy owner)
    {
        private readonly List<byte> _pending = [];
        private readonly Dictionary<int, GrpcStreamState> _streams = [];
        private bool _prefaceSeen;

        public void Feed(ReadOnlySpan<byte> bytes)
        {
            _pending.AddRange(bytes);
            if (!_prefaceSeen)
            {
                if (_pending.Count < PrefaceLength)
                {
                    return;
                }
                _pending.RemoveRange(0, PrefaceLength);
                _prefaceSeen = true;
            }
            while (_pending.Count >= 9)
            {
                var length = (_pending[0] << 16) | (_pending[1] << 8) | _pending[2];
                if (_pending.Count < 9 + length)
                {
                    return;
                }
                var type = _pending[3];
                var flags = _pending[4];
                var streamId = ((_pending[5] & 0x7F) << 24) | (_pending[6] << 16) | (_pending[7] << 8) | _pending[8];
                var payload = _pending.GetRange(9, length).ToArray();
                _pending.RemoveRange(0, 9 + length);
                if (type == 0x0)
                {
                    var data = payload.AsSpan();
                    if ((flags & 0x8) != 0)
                    {
                        // PADDED: a pad-length byte, then the data, then that many bytes of padding.
                        data = data.Slice(1, data.Length - 1 - payload[0]);
                    }
                    if (!_streams.TryGetValue(streamId, out var state))
                    {
                        state = new GrpcStreamState();
                        _streams[streamId] = state;
                    }
                    state.Feed(streamId, data, owner);
                }
            }
        }
    }

    private sealed class GrpcStreamState
    {
        private readonly byte[] _prefix = new byte[5];
        private int _prefixFilled;
        private long _bodyLeft;

        public void Feed(int streamId, ReadOnlySpan<byte> data, Http2CaptureProxy owner)
        {
            while (!data.IsEmpty)
            {
                if (_bodyLeft > 0)
                {
                    var skip = (int)Math.Min(_bodyLeft, data.Length);
                    _bodyLeft -= skip;
                    data = data[skip..];
                    continue;
                }
                var take = Math.Min(5 - _prefixFilled, data.Length);
                data[..take].CopyTo(_prefix.AsSpan(_prefixFilled));
                _prefixFilled += take;
                data = data[take..];
                if (_prefixFilled == 5)
                {
                    var length = (_prefix[1] << 24) | (_prefix[2] << 16) | (_prefix[3] << 8) | _prefix[4];
                    lock (owner._messages)
                    {
                        owner._messages.Add(new Message(streamId, _prefix[0] == 1, length));
                    }
                    _prefixFilled = 0;
                    _bodyLeft = length;
                }
            }
        }
    }
}
