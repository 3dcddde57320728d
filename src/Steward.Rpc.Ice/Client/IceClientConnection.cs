using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace Steward.Rpc.Ice;

/// <summary>
/// One client connection to an Ice endpoint, shared by every call to it: requests carry ids, replies come back in
/// any order and are matched by id, as in Ice's own connections. The server's ValidateConnection is awaited before
/// the connection is used. When the connection fails or the server closes it, every call waiting on it fails
/// with Unavailable and the connection is not used again.
/// </summary>
internal sealed class IceClientConnection : IAsyncDisposable
{
    private static readonly byte[] CloseConnection = IceMessageHeader.HeaderOnly(IceMessageType.CloseConnection);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly IceLimits _limits;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<IceReply>> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private Task _reading = Task.CompletedTask;
    private int _nextId;
    private volatile Exception? _failure;

    private IceClientConnection(Socket socket, IceLimits limits)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(_stream);
        _limits = limits;
    }

    /// <summary>False once the connection failed or was closed; the channel then opens a new one.</summary>
    public bool IsUsable => _failure is null;

    public static async Task<IceClientConnection> ConnectAsync(IceTcpEndpoint endpoint, IceLimits limits, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        IceClientConnection? connection = null;
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken).ConfigureAwait(false);
            connection = new IceClientConnection(socket, limits);
            // The server speaks first: nothing may be sent before its ValidateConnection arrives.
            var first = await IceFrameReader.ReadAsync(connection._input, limits.MaxMessageSize, cancellationToken).ConfigureAwait(false);
            if (first is not { Header.Type: IceMessageType.ValidateConnection })
            {
                throw new IceProtocolException(first is null
                    ? "The server closed the connection before validating it."
                    : $"The server's first message is a {first.Value.Header.Type}, not ValidateConnection.");
            }
            connection._reading = connection.ReadLoopAsync();
            return connection;
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                socket.Dispose();
            }
            throw;
        }
    }

    /// <summary>Sends a twoway request (its id is written into <paramref name="message"/>) and waits for the reply.</summary>
    public async Task<IceReply> InvokeAsync(byte[] message, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        var id = Interlocked.Increment(ref _nextId) & int.MaxValue;
        if (id == 0)
        {
            id = Interlocked.Increment(ref _nextId) & int.MaxValue;
        }
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(IceMessageHeader.Length), id);
        var reply = new TaskCompletionSource<IceReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        try
        {
            await SendAsync(message, cancellationToken).ConfigureAwait(false);
            // A failure that raced the registration above must still reach this call.
            if (_failure is { } failure)
            {
                reply.TrySetException(failure);
            }
            return await reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Sends a message that gets no reply (a oneway Request, a BatchRequest).</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Once started, a message is written whole whatever the caller's token says: half a message would break the stream.
            await _stream.WriteAsync(message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            Fail(new IOException($"Sending to the server failed: {ex.Message}", ex));
            throw;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var next = await IceFrameReader.ReadAsync(_input, _limits.MaxMessageSize, _closing.Token).ConfigureAwait(false);
                if (next is not var (header, message))
                {
                    Fail(new IOException("The server closed the connection."));
                    return;
                }
                switch (header.Type)
                {
                    case IceMessageType.Reply:
                        var reply = IceFrameCodec.DecodeReply(message, _limits);
                        if (_pending.TryRemove(reply.RequestId, out var waiter))
                        {
                            waiter.TrySetResult(reply);
                        }
                        // Else the call gave up (deadline, cancellation) before its reply came: dropped, as Ice does.
                        break;
                    case IceMessageType.ValidateConnection:
                        break;
                    case IceMessageType.CloseConnection:
                        Fail(new IOException("The server closed the connection (CloseConnection)."));
                        return;
                    default:
                        throw new IceProtocolException($"A client connection does not accept {header.Type} messages (no bidirectional dispatch).");
                }
            }
        }
        catch (Exception ex)
        {
            Fail(ex is IceProtocolException ? ex : new IOException($"Reading from the server failed: {ex.Message}", ex));
        }
    }

    private void Fail(Exception failure)
    {
        _failure ??= failure;
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var waiter))
            {
                waiter.TrySetException(_failure);
            }
        }
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw failure is IceProtocolException protocol ? new IceProtocolException(protocol.Message, protocol) : new IOException(failure.Message, failure);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_failure is null && _pending.IsEmpty)
        {
            // A graceful close, as an Ice client's connection sends when its communicator is destroyed.
            try
            {
                await SendAsync(CloseConnection, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or IceProtocolException)
            {
                // The connection is already gone; there is nobody to tell.
            }
        }
        Fail(new ObjectDisposedException(nameof(IceClientConnection), "The channel was disposed."));
        await _closing.CancelAsync().ConfigureAwait(false);
        try
        {
            await _reading.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await _input.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _closing.Dispose();
    }
}
