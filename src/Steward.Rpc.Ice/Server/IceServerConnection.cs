using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Steward.Rpc.Ice;

/// <summary>
/// One accepted Ice connection: ValidateConnection goes out first, then requests are read and dispatched.
/// With <see cref="DispatchMode.Inline"/> one request runs at a time on the read loop; with ThreadPool and
/// BoundedPerConnection up to <see cref="StewardServerOptions.MaxConcurrentCallsPerConnection"/> run at once
/// on the thread pool (a batch's requests one after another, in order), and their replies leave as they finish,
/// matched by request id (as Ice's own servers with a multi-threaded pool do; Inline keeps Ice's default, one at a time in order).
/// A protocol error closes only this connection. When the host stops, reading stops, in-flight replies are
/// sent and a CloseConnection follows; when the peer sends CloseConnection, in-flight calls finish and the
/// connection closes.
/// </summary>
internal sealed partial class IceServerConnection
{
    private static readonly byte[] ValidateConnection = IceMessageHeader.HeaderOnly(IceMessageType.ValidateConnection);
    private static readonly byte[] CloseConnection = IceMessageHeader.HeaderOnly(IceMessageType.CloseConnection);

    private readonly IceDispatcher _dispatcher;
    private readonly IceObjectAdapterOptions _adapter;
    private readonly IceServantTable _table;
    private readonly ConnectionContext _connection;
    private readonly CancellationTokenSource _closed;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly HashSet<Task> _inFlight = new();
    private readonly string _peer;
    private volatile bool _shuttingDown;
    private bool _writeFailed;

    public IceServerConnection(IceDispatcher dispatcher, IceObjectAdapterOptions adapter, IceServantTable table, ConnectionContext connection)
    {
        _dispatcher = dispatcher;
        _adapter = adapter;
        _table = table;
        _connection = connection;
        _closed = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        _peer = IceDispatcher.FormatPeer(connection.RemoteEndPoint);
    }

    public async Task RunAsync()
    {
        var input = _connection.Transport.Input;
        var lifetime = _connection.Features.Get<IConnectionLifetimeNotificationFeature>();
        using var shutdown = lifetime?.ConnectionClosedRequested.Register(static state =>
        {
            var self = (IceServerConnection)state!;
            self._shuttingDown = true;
            self._connection.Transport.Input.CancelPendingRead();
        }, this);
        var concurrent = _dispatcher.Options.Dispatch != DispatchMode.Inline;
        using var gate = new CallGate(concurrent ? DispatchMode.BoundedPerConnection : DispatchMode.Inline, _dispatcher.Options.MaxConcurrentCallsPerConnection);
        var peerClosed = false;
        try
        {
            await SendAsync(ValidateConnection).ConfigureAwait(false);
            while (!_shuttingDown)
            {
                // No token: Kestrel cancels ConnectionClosed at the client's FIN, and the bytes before it still count.
                var next = await IceFrameReader.ReadAsync(input, _adapter.Limits.MaxMessageSize, CancellationToken.None).ConfigureAwait(false);
                if (next is not var (header, message))
                {
                    break;
                }
                if (header.Type == IceMessageType.CloseConnection)
                {
                    IceServerLog.ConnectionLost(_dispatcher.Logger, _peer, "the client sent CloseConnection");
                    peerClosed = true;
                    break;
                }
                if (header.Type is IceMessageType.ValidateConnection or IceMessageType.Reply)
                {
                    // A heartbeat (Ice 3.7 sends ValidateConnection for that), or a reply to nothing: Ice ignores both.
                    continue;
                }
                var requests = IceFrameCodec.DecodeRequests(message, _adapter.Limits);
                if (!concurrent)
                {
                    foreach (var request in requests)
                    {
                        await DispatchAsync(request).ConfigureAwait(false);
                    }
                    continue;
                }
                var lease = await gate.EnterAsync(_closed.Token).ConfigureAwait(false);
                // A batch runs as one unit, its requests in order, as Ice dispatches a batch.
                Track(Task.Run(async () =>
                {
                    using (lease)
                    {
                        foreach (var request in requests)
                        {
                            await DispatchAsync(request).ConfigureAwait(false);
                        }
                    }
                }));
            }
            await DrainAsync().ConfigureAwait(false);
            if (!peerClosed && !_closed.IsCancellationRequested)
            {
                // Graceful close: everything answered, then CloseConnection, as an Ice server does on shutdown.
                await SendAsync(CloseConnection).ConfigureAwait(false);
            }
        }
        catch (IceProtocolException ex)
        {
            IceServerLog.ProtocolError(_dispatcher.Logger, _peer, ex.Message, ex);
            await _closed.CancelAsync().ConfigureAwait(false);
            await DrainAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_closed.IsCancellationRequested)
        {
            IceServerLog.ConnectionLost(_dispatcher.Logger, _peer, "closed");
            await DrainAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or ConnectionAbortedException or ObjectDisposedException)
        {
            IceServerLog.ConnectionLost(_dispatcher.Logger, _peer, ex.Message);
            await _closed.CancelAsync().ConfigureAwait(false);
            await DrainAsync().ConfigureAwait(false);
        }
        finally
        {
            await _closed.CancelAsync().ConfigureAwait(false);
            _closed.Dispose();
        }
    }

    private void Track(Task task)
    {
        lock (_inFlight)
        {
            _inFlight.Add(task);
        }
        task.ContinueWith(static (t, state) =>
        {
            var set = (HashSet<Task>)state!;
            lock (set)
            {
                set.Remove(t);
            }
        }, _inFlight, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task DrainAsync()
    {
        Task[] pending;
        lock (_inFlight)
        {
            pending = [.. _inFlight];
        }
        // DispatchAsync never throws: failures become replies or log lines.
        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    /// <summary>Sends one whole message; writes from concurrent dispatches are serialized so messages never interleave.</summary>
    private async ValueTask SendAsync(ReadOnlyMemory<byte> message)
    {
        await _writeLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_writeFailed)
            {
                return;
            }
            var result = await _connection.Transport.Output.WriteAsync(message, CancellationToken.None).ConfigureAwait(false);
            if (result.IsCompleted)
            {
                _writeFailed = true;
            }
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or ConnectionAbortedException or ObjectDisposedException or InvalidOperationException)
        {
            _writeFailed = true;
            IceServerLog.ConnectionLost(_dispatcher.Logger, _peer, ex.Message);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Runs one request and sends its reply (none for oneway and batched requests). Never throws.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask DispatchAsync(IceRequest request)
    {
        byte[]? reply;
        try
        {
            reply = await ExecuteAsync(request).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_closed.IsCancellationRequested)
        {
            IceServerLog.ConnectionLost(_dispatcher.Logger, _peer, $"closed while '{request.Operation}' was running");
            return;
        }
        if (reply is not null && !request.IsOneway)
        {
            await SendAsync(reply).ConfigureAwait(false);
        }
    }
}
