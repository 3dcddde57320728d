using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Steward.Rpc.Thrift;

/// <summary>A decoded reply: the result, or the TApplicationException the server sent instead.</summary>
internal readonly record struct ThriftReply<TResponse>(TResponse? Value, ThriftApplicationException? Error);

/// <summary>
/// One client connection (TCP, Unix socket, optionally TLS) with Pipelines over its stream. Thrift allows
/// one outstanding call per connection, so the pool hands it to one call at a time.
/// </summary>
internal sealed class ThriftClientConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly ThriftMessageReader _messages;
    private readonly ThriftMessageWriter _writer;
    private int _sequenceId;

    private ThriftClientConnection(Socket socket, Stream stream, ThriftTransport transport, ThriftProtocolKind protocol, ThriftLimits limits)
    {
        _socket = socket;
        _stream = stream;
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        _output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        _messages = new ThriftMessageReader(_input, transport, ThriftProtocols.CreateReader(protocol, limits), limits);
        _writer = new ThriftMessageWriter(transport, ThriftProtocols.CreateWriter(protocol), limits);
    }

    public static async Task<ThriftClientConnection> ConnectAsync(ThriftEndpoint endpoint, ThriftChannelOptions options, CancellationToken cancellationToken)
    {
        var socket = endpoint.UnixSocketPath is not null
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endpoint.UnixSocketPath is { } path)
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await socket.ConnectAsync(endpoint.Host!, endpoint.Port, cancellationToken).ConfigureAwait(false);
                socket.NoDelay = true;
            }
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (options.Tls is { } tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                try
                {
                    await ssl.AuthenticateAsClientAsync(tls, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await ssl.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
                stream = ssl;
            }
            return new ThriftClientConnection(socket, stream, options.Transport, options.Protocol, options.Limits);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private long _returnedAt;

    /// <summary>Marks the connection idle (the pool calls it when the connection comes back).</summary>
    public void MarkIdle() => _returnedAt = Environment.TickCount64;

    /// <summary>
    /// False when the idle connection has been closed by the server (or has unexpected bytes waiting):
    /// a readable idle socket means either, and neither is fit for a call. Only checked after a second
    /// idle, which is when servers time connections out; a busy pool pays no system call per call.
    /// </summary>
    public bool IsReusable
    {
        get
        {
            if (Environment.TickCount64 - _returnedAt < 1000)
            {
                return true;
            }
            try
            {
                return !_socket.Poll(0, SelectMode.SelectRead);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return false;
            }
        }
    }

    /// <summary>Sends one call and, unless it is oneway, reads its reply. Any exception leaves the connection unusable.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ThriftReply<TResponse>> CallAsync<TRequest, TResponse>(
        string name, bool oneway, ThriftMethodCodec<TRequest, TResponse> codec, TRequest request, CancellationToken cancellationToken)
    {
        var sequenceId = _sequenceId = _sequenceId == int.MaxValue ? 1 : _sequenceId + 1;
        var protocol = _writer.Begin();
        protocol.WriteMessageBegin(new ThriftMessageHeader(name, oneway ? ThriftMessageType.Oneway : ThriftMessageType.Call, sequenceId));
        codec.WriteArgs(protocol, request);
        protocol.WriteMessageEnd();
        _writer.End();
        _writer.CopyTo(_output);
        var flushed = await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (flushed.IsCompleted || flushed.IsCanceled)
        {
            throw new IOException("The connection can no longer be written to.");
        }
        if (oneway)
        {
            return default;
        }
        var (read, reply) = await _messages.ReadAsync(ReplyParser<TRequest, TResponse>.Parse, new ReplyState<TRequest, TResponse>(codec, name, sequenceId), cancellationToken)
            .ConfigureAwait(false);
        if (!read)
        {
            throw new IOException("The server closed the connection before replying.");
        }
        return reply;
    }

    /// <summary>Closes the connection; never throws (it runs in the finally of a call that may already be failing).</summary>
    public void Dispose()
    {
        _messages.Dispose();
        try
        {
            _input.Complete();
            // Completing the writer may try to flush what a cancelled call left unsent.
            _output.Complete();
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
        }
        finally
        {
            _stream.Dispose();
            _socket.Dispose();
        }
    }

    private readonly record struct ReplyState<TRequest, TResponse>(ThriftMethodCodec<TRequest, TResponse> Codec, string Name, int SequenceId);

    private static class ReplyParser<TRequest, TResponse>
    {
        public static readonly ThriftMessageParser<ReplyState<TRequest, TResponse>, ThriftReply<TResponse>> Parse = ParseReply;

        private static ThriftReply<TResponse> ParseReply(ThriftReader reader, ReplyState<TRequest, TResponse> state)
        {
            var header = reader.ReadMessageBegin();
            if (!IsReplyName(header.Name, state.Name))
            {
                throw new ThriftApplicationException(ThriftApplicationExceptionType.WrongMethodName,
                    $"The reply is for '{header.Name}', the call was '{state.Name}'.");
            }
            if (header.SequenceId != state.SequenceId)
            {
                throw new ThriftApplicationException(ThriftApplicationExceptionType.BadSequenceId,
                    $"The reply's sequence id {header.SequenceId} does not match the call's {state.SequenceId} ('{state.Name}').");
            }
            switch (header.Type)
            {
                case ThriftMessageType.Exception:
                    var error = ThriftApplicationException.Read(reader);
                    reader.ReadMessageEnd();
                    return new ThriftReply<TResponse>(default, error);
                case ThriftMessageType.Reply:
                    var value = state.Codec.ReadResult(reader);
                    reader.ReadMessageEnd();
                    return new ThriftReply<TResponse>(value, null);
                default:
                    throw new ThriftApplicationException(ThriftApplicationExceptionType.InvalidMessageType,
                        $"The reply to '{state.Name}' has message type {(int)header.Type}, not REPLY or EXCEPTION.");
            }
        }

        // Apache's TMultiplexedProcessor answers "Service:method" calls with the bare method name.
        private static bool IsReplyName(string reply, string sent) =>
            reply == sent || (sent.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 && sent.AsSpan(colon + 1).SequenceEqual(reply));
    }
}

/// <summary>Where a channel connects: <c>host:port</c> or <c>unix:/path</c>.</summary>
internal sealed record ThriftEndpoint(string? Host, int Port, string? UnixSocketPath)
{
    public static ThriftEndpoint Parse(string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        if (target.StartsWith("unix:", StringComparison.Ordinal))
        {
            var path = target[5..];
            if (path.StartsWith("//", StringComparison.Ordinal))
            {
                path = path[2..];
            }
            if (path.Length == 0)
            {
                throw new ArgumentException($"'{target}' names no socket path (expected unix:/path).", nameof(target));
            }
            return new ThriftEndpoint(null, 0, path);
        }
        var colon = target.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(target.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException($"Thrift targets are 'host:port' or 'unix:/path', not '{target}'.", nameof(target));
        }
        var host = target[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        return new ThriftEndpoint(host, port, null);
    }
}
