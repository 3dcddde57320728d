using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Steward.Rpc.Corba;

/// <summary>
/// One accepted IIOP connection. Requests are read, reassembled from fragments and dispatched; many may be
/// outstanding at once (at most <see cref="StewardServerOptions.MaxConcurrentCallsPerConnection"/>), and their replies
/// leave as they finish, matched by request id. With <see cref="DispatchMode.ThreadPool"/> a handler starts on the
/// thread pool, otherwise on the read loop until it first yields. The first request with a CodeSets service context
/// fixes the connection's transmission code sets. CancelRequest cancels the call's token (no reply is sent for it);
/// a oneway request gets no reply. A malformed message is answered with MessageError and closes this connection only.
/// When the host stops, reading stops, in-flight replies are sent and CloseConnection follows.
/// </summary>
internal sealed partial class CorbaServerConnection
{
    private readonly CorbaDispatcher _dispatcher;
    private readonly CorbaObjectAdapterOptions _adapter;
    private readonly CorbaServantTable _table;
    private readonly ConnectionContext _connection;
    private readonly CdrLimits _limits;
    private readonly CancellationTokenSource _closed;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly HashSet<Task> _inFlight = new();
    private readonly ConcurrentDictionary<uint, CancellationTokenSource> _calls = new();
    private readonly string _peer;
    private volatile bool _shuttingDown;
    private bool _writeFailed;
    private CodeSets _codeSets = CodeSets.Default;
    private bool _negotiated;
    private GiopVersion _lastVersion = GiopVersion.V1_2;

    public CorbaServerConnection(CorbaDispatcher dispatcher, CorbaObjectAdapterOptions adapter, CorbaServantTable table, ConnectionContext connection)
    {
        _dispatcher = dispatcher;
        _adapter = adapter;
        _table = table;
        _connection = connection;
        _limits = adapter.Limits;
        _closed = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        _peer = CorbaDispatcher.FormatPeer(connection.RemoteEndPoint);
    }

    public async Task RunAsync()
    {
        var input = _connection.Transport.Input;
        var lifetime = _connection.Features.Get<IConnectionLifetimeNotificationFeature>();
        using var shutdown = lifetime?.ConnectionClosedRequested.Register(static state =>
        {
            var self = (CorbaServerConnection)state!;
            self._shuttingDown = true;
            self._connection.Transport.Input.CancelPendingRead();
        }, this);
        var threadPool = _dispatcher.Options.Dispatch == DispatchMode.ThreadPool;
        using var gate = new CallGate(DispatchMode.BoundedPerConnection, Math.Max(1, _dispatcher.Options.MaxConcurrentCallsPerConnection));
        var assembler = new GiopFragmentAssembler(_limits);
        var peerClosed = false;
        try
        {
            while (!_shuttingDown)
            {
                // No token: Kestrel cancels ConnectionClosed at the client's FIN, and the bytes before it still count.
                var next = await GiopFrameReader.ReadAsync(input, _limits.MaxMessageSize, CancellationToken.None).ConfigureAwait(false);
                if (next is not var (rawHeader, rawMessage))
                {
                    break;
                }
                _lastVersion = rawHeader.Version;
                if (assembler.Add(rawHeader, rawMessage) is not var (header, message))
                {
                    continue;
                }
                switch (header.Type)
                {
                    case GiopMessageType.Request:
                        var request = GiopCodec.DecodeRequest(header, message, _limits);
                        Negotiate(request);
                        var lease = await gate.EnterAsync(_closed.Token).ConfigureAwait(false);
                        var task = threadPool ? Task.Run(() => DispatchAsync(request, lease).AsTask()) : DispatchAsync(request, lease).AsTask();
                        if (!task.IsCompleted)
                        {
                            Track(task);
                        }
                        break;
                    case GiopMessageType.CancelRequest:
                        var id = GiopCodec.DecodeCancelRequest(header, message, _limits);
                        if (_calls.TryGetValue(id, out var call))
                        {
                            await call.CancelAsync().ConfigureAwait(false);
                        }
                        break;
                    case GiopMessageType.LocateRequest:
                        await SendAsync(Locate(GiopCodec.DecodeLocateRequest(header, message, _limits))).ConfigureAwait(false);
                        break;
                    case GiopMessageType.CloseConnection:
                        CorbaServerLog.ConnectionLost(_dispatcher.Logger, _peer, "the client sent CloseConnection");
                        peerClosed = true;
                        break;
                    case GiopMessageType.MessageError:
                        CorbaServerLog.ConnectionLost(_dispatcher.Logger, _peer, "the client sent MessageError");
                        peerClosed = true;
                        break;
                    default:
                        throw new GiopProtocolException($"A server does not accept {header.Type} messages.");
                }
                if (peerClosed)
                {
                    break;
                }
            }
            await DrainAsync().ConfigureAwait(false);
            if (!peerClosed && !_closed.IsCancellationRequested)
            {
                // Graceful close: everything answered, then CloseConnection, as a GIOP server does before closing.
                await SendAsync(GiopHeader.HeaderOnly(GiopMessageType.CloseConnection, _lastVersion)).ConfigureAwait(false);
            }
        }
        catch (GiopProtocolException ex)
        {
            CorbaServerLog.ProtocolError(_dispatcher.Logger, _peer, ex.Message);
            await SendAsync(GiopHeader.HeaderOnly(GiopMessageType.MessageError, _lastVersion.IsSupported ? _lastVersion : GiopVersion.V1_2)).ConfigureAwait(false);
            await _closed.CancelAsync().ConfigureAwait(false);
            await DrainAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_closed.IsCancellationRequested)
        {
            CorbaServerLog.ConnectionLost(_dispatcher.Logger, _peer, "closed");
            await DrainAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or ConnectionAbortedException or ObjectDisposedException)
        {
            CorbaServerLog.ConnectionLost(_dispatcher.Logger, _peer, ex.Message);
            await _closed.CancelAsync().ConfigureAwait(false);
            await DrainAsync().ConfigureAwait(false);
        }
        finally
        {
            await _closed.CancelAsync().ConfigureAwait(false);
            _closed.Dispose();
        }
    }

    /// <summary>Takes the code sets of the connection's first GIOP 1.1+ request that carries a CodeSets context.</summary>
    private void Negotiate(GiopRequest request)
    {
        if (_negotiated || !request.Version.IsAtLeast(1, 1))
        {
            return;
        }
        foreach (var context in request.Contexts)
        {
            if (context.Id != GiopServiceContext.CodeSetsId)
            {
                continue;
            }
            CodeSets chosen;
            try
            {
                chosen = context.ReadCodeSets(_limits);
            }
            catch (CorbaSystemException ex)
            {
                throw new GiopProtocolException($"Undecodable CodeSets service context: {ex.Message}", ex);
            }
            // Only the code sets Steward speaks are honoured; anything else keeps the defaults (strings then fail as DATA_CONVERSION or MARSHAL).
            var chars = chosen.Char is CodeSets.Utf8 or CodeSets.Iso8859_1 ? chosen.Char : CodeSets.Iso8859_1;
            var wchars = chosen.WChar == CodeSets.Utf16 ? CodeSets.Utf16 : CodeSets.None;
            _codeSets = new CodeSets(chars, wchars);
            _negotiated = true;
            return;
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
            CorbaServerLog.ConnectionLost(_dispatcher.Logger, _peer, ex.Message);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
