using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace Steward.Rpc.Corba;

/// <summary>
/// One client connection to an IIOP endpoint, shared by every call to it: requests carry ids, replies (and
/// LocateReplies) come back in any order and are matched by id. Its transmission code sets are those chosen for the
/// reference that opened it; they are announced in a CodeSets service context until the first reply arrives. When
/// the connection fails or the server closes it, every call waiting on it fails and the connection is not used again.
/// </summary>
internal sealed class CorbaClientConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly CdrLimits _limits;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<uint, TaskCompletionSource<object>> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private Task _reading = Task.CompletedTask;
    private int _nextId;
    private volatile Exception? _failure;
    private volatile bool _answered;

    private CorbaClientConnection(Socket socket, CdrLimits limits, CodeSets? codeSets)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(_stream);
        _limits = limits;
        CodeSets = codeSets ?? Corba.CodeSets.Default;
        Negotiates = codeSets is not null;
    }

    /// <summary>False once the connection failed or was closed; the channel then opens a new one.</summary>
    public bool IsUsable => _failure is null;

    /// <summary>The connection's transmission code sets.</summary>
    public CodeSets CodeSets { get; }

    /// <summary>True when the server's IOR offered code sets, so requests announce the choice.</summary>
    public bool Negotiates { get; }

    /// <summary>True while requests should still carry the CodeSets context (no reply has come back yet).</summary>
    public bool SendCodeSets => Negotiates && !_answered;

    public static async Task<CorbaClientConnection> ConnectAsync(string host, int port, CdrLimits limits, CodeSets? codeSets, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var connection = new CorbaClientConnection(socket, limits, codeSets);
        connection._reading = connection.ReadLoopAsync();
        return connection;
    }

    /// <summary>A fresh request id (never 0 twice in a row; ids wrap after 2^32).</summary>
    public uint NextRequestId() => (uint)Interlocked.Increment(ref _nextId);

    /// <summary>Sends a request (or LocateRequest) with id <paramref name="id"/> and waits for its reply: a <see cref="GiopReply"/> or <see cref="GiopLocateReply"/>.</summary>
    public async Task<object> InvokeAsync(uint id, byte[] message, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        var reply = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
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

    /// <summary>Sends a message that gets no reply (a oneway Request, a CancelRequest).</summary>
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
        var assembler = new GiopFragmentAssembler(_limits);
        try
        {
            while (true)
            {
                var next = await GiopFrameReader.ReadAsync(_input, _limits.MaxMessageSize, _closing.Token).ConfigureAwait(false);
                if (next is not var (rawHeader, rawMessage))
                {
                    Fail(new IOException("The server closed the connection."));
                    return;
                }
                if (assembler.Add(rawHeader, rawMessage) is not var (header, message))
                {
                    continue;
                }
                switch (header.Type)
                {
                    case GiopMessageType.Reply:
                        var reply = GiopCodec.DecodeReply(header, message, _limits);
                        _answered = true;
                        Complete(reply.RequestId, reply);
                        break;
                    case GiopMessageType.LocateReply:
                        var locate = GiopCodec.DecodeLocateReply(header, message, _limits);
                        Complete(locate.RequestId, locate);
                        break;
                    case GiopMessageType.CloseConnection:
                        Fail(new ServerClosedException());
                        return;
                    case GiopMessageType.MessageError:
                        throw new GiopProtocolException("The server answered MessageError: it could not read what was sent.");
                    default:
                        await SendMessageErrorAsync(header.Version).ConfigureAwait(false);
                        throw new GiopProtocolException($"A client connection does not accept {header.Type} messages (no bidirectional GIOP).");
                }
            }
        }
        catch (GiopProtocolException ex)
        {
            Fail(ex);
        }
        catch (Exception ex)
        {
            Fail(new IOException($"Reading from the server failed: {ex.Message}", ex));
        }
    }

    private void Complete(uint id, object reply)
    {
        // Else the call gave up (deadline, cancellation) before its reply came: dropped.
        if (_pending.TryRemove(id, out var waiter))
        {
            waiter.TrySetResult(reply);
        }
    }

    private async Task SendMessageErrorAsync(GiopVersion version)
    {
        try
        {
            await SendAsync(GiopHeader.HeaderOnly(GiopMessageType.MessageError, version), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // Closing anyway.
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
            throw failure switch
            {
                ServerClosedException => new ServerClosedException(),
                GiopProtocolException protocol => new GiopProtocolException(protocol.Message, protocol),
                _ => new IOException(failure.Message, failure),
            };
        }
    }

    public async ValueTask DisposeAsync()
    {
        Fail(new ObjectDisposedException(nameof(CorbaClientConnection), "The channel was disposed."));
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

/// <summary>The server sent CloseConnection: requests it had not answered were not processed (safe to retry).</summary>
internal sealed class ServerClosedException() : IOException("The server closed the connection (CloseConnection).");
