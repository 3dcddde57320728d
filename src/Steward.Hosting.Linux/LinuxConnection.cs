using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Steward.Hosting.Linux.Interop;

namespace Steward.Hosting.Linux;

/// <summary>
/// One accepted socket. Receiving happens on its event loop only; sending happens on whichever thread
/// flushed the application's output (the loop thread itself under <see cref="ApplicationScheduling.IoThread"/>),
/// waiting for EPOLLOUT only when the socket buffer is full. The descriptor is closed on the loop thread
/// after the send side has finished, so no send can ever reach a reused descriptor. ConnectionClosed fires
/// when the receive side ends (the peer's FIN or reset, an abort, a failed send, disposal), as with Kestrel's
/// socket transport: its HTTP layers learn of a vanished client from nothing else.
/// </summary>
internal sealed partial class LinuxConnection : ConnectionContext, IValueTaskSource,
    IConnectionIdFeature, IConnectionTransportFeature, IConnectionItemsFeature, IConnectionLifetimeFeature,
    IConnectionEndPointFeature, IMemoryPoolFeature, IConnectionSocketFeature
{
    private const int MinReceiveSize = 2048;
    private const int MaxReceivePerEvent = 256 * 1024;
    private const int MaxIoVecs = 64;
    private const int MaxSegmentSize = 64 * 1024;
    private static long _lastId;

    private readonly Socket _socket;
    private readonly int _fd;
    private readonly EventLoop _loop;
    private readonly Pipe _input;
    private readonly Pipe _output;
    // Never disposed: ConnectionClosed fires from the thread pool, possibly after DisposeAsync returned, and a
    // source without timers holds nothing that needs disposing.
    private readonly CancellationTokenSource _closedSource = new();
    private readonly TaskCompletionSource _closedOnLoop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly Action _onInputFlushed;
    private readonly Action _afterAbort;
    private ManualResetValueTaskSourceCore<bool> _writable;
    private ulong _token;
    private uint _interest;
    private bool _attached;
    private bool _receiving = true;
    private bool _readPaused;
    private bool _wantWrite;
    private bool _fdClosed;
    private ValueTask<FlushResult> _pendingFlush;
    private bool _completeInputAfterFlush;
    private Exception? _inputError;
    private ConnectionAbortedException? _abortReason;
    private Task _sendTask = Task.CompletedTask;
    private int _closedFired;
    private int _disposed;
    private IDictionary<object, object?>? _items;

    public LinuxConnection(Socket socket, EventLoop loop, MemoryPool<byte> pool, LinuxTransportOptions options)
    {
        _socket = socket;
        _fd = (int)socket.Handle;
        _loop = loop;
        MemoryPool = pool;
        LocalEndPoint = socket.LocalEndPoint;
        RemoteEndPoint = socket.RemoteEndPoint;
        ConnectionId = "L" + Interlocked.Increment(ref _lastId).ToString("X", System.Globalization.CultureInfo.InvariantCulture);
        var applicationScheduler = options.ApplicationScheduling == ApplicationScheduling.IoThread ? PipeScheduler.Inline : PipeScheduler.ThreadPool;
        // Kestrel's pool hands out 4 KiB blocks; MemoryPool<byte>.Shared reports a maximum near 2 GiB, which as a
        // segment size would make every pipe rent arrays of gigabytes.
        var segment = pool.MaxBufferSize is > 0 and <= MaxSegmentSize ? pool.MaxBufferSize : 4096;
        _input = new Pipe(new PipeOptions(pool, applicationScheduler, PipeScheduler.Inline,
            options.MaxReadBufferSize ?? 0, (options.MaxReadBufferSize ?? 0) / 2, segment, useSynchronizationContext: false));
        // The send loop runs on the loop: after the current batch of events when the flush came from the loop
        // itself (an inline application's reply leaves before the next epoll_wait, with no hop), handed over
        // otherwise. Either way, flushes made meanwhile leave together in one send.
        _output = new Pipe(new PipeOptions(pool, loop.SendScheduler, applicationScheduler,
            options.MaxWriteBufferSize ?? 0, (options.MaxWriteBufferSize ?? 0) / 2, segment, useSynchronizationContext: false));
        Transport = new DuplexPipe(_input.Reader, _output.Writer);
        _onInputFlushed = () => _loop.Post(ResumeReceiving);
        _afterAbort = AfterAbort;
        Features = new FeatureCollection();
        Features.Set<IConnectionIdFeature>(this);
        Features.Set<IConnectionTransportFeature>(this);
        Features.Set<IConnectionItemsFeature>(this);
        Features.Set<IConnectionLifetimeFeature>(this);
        Features.Set<IConnectionEndPointFeature>(this);
        Features.Set<IMemoryPoolFeature>(this);
        Features.Set<IConnectionSocketFeature>(this);
    }

    public override string ConnectionId { get; set; }
    public override IFeatureCollection Features { get; }
    public override IDictionary<object, object?> Items { get => _items ??= new ConnectionItems(); set => _items = value; }
    public override IDuplexPipe Transport { get; set; }
    public override CancellationToken ConnectionClosed { get => _closedSource.Token; set => throw new NotSupportedException(); }
    public override EndPoint? LocalEndPoint { get; set; }
    public override EndPoint? RemoteEndPoint { get; set; }
    public MemoryPool<byte> MemoryPool { get; }
    public Socket Socket => _socket;

    /// <summary>Starts the send side; the receive side starts when the loop attaches the connection.</summary>
    public void Start() => _sendTask = SendLoopAsync();

    /// <summary>Loop thread: the connection now has its token, so epoll can watch it.</summary>
    public void Attach(ulong token)
    {
        lock (_gate)
        {
            _token = token;
            _attached = true;
            UpdateInterestLocked();
        }
    }

    /// <summary>Loop thread: readiness reported for this connection.</summary>
    public void OnEvents(uint events)
    {
        if ((events & (Sys.EPOLLOUT | Sys.EPOLLERR | Sys.EPOLLHUP)) != 0)
        {
            SignalWritable();
        }
        if ((events & (Sys.EPOLLIN | Sys.EPOLLERR | Sys.EPOLLHUP)) != 0 && _receiving && !_readPaused)
        {
            Receive();
        }
    }

    private unsafe void Receive()
    {
        var writer = _input.Writer;
        var received = 0;
        var endOfStream = false;
        var errno = 0;
        while (true)
        {
            var memory = writer.GetMemory(MinReceiveSize);
            nint n;
            fixed (byte* buffer = memory.Span)
            {
                n = Sys.recv(_fd, buffer, (nuint)memory.Length, 0);
            }
            if (n > 0)
            {
                writer.Advance((int)n);
                received += (int)n;
                // A short read drained the socket: going back for EAGAIN would cost a system call per call.
                if (n < memory.Length || received >= MaxReceivePerEvent)
                {
                    break;
                }
                continue;
            }
            if (n == 0)
            {
                endOfStream = true;
                break;
            }
            errno = Marshal.GetLastPInvokeError();
            if (errno == Sys.EINTR)
            {
                continue;
            }
            if (errno == Sys.EAGAIN)
            {
                errno = 0;
            }
            else
            {
                endOfStream = true;
            }
            break;
        }

        if (endOfStream)
        {
            // Completing the writer commits what was advanced: the application still reads those bytes first.
            StopReceiving((Exception?)_abortReason ?? (errno == 0 ? null : errno == Sys.ECONNRESET
                ? new ConnectionResetException("The client reset the connection.")
                : new IOException($"recv failed: errno {errno}")));
            return;
        }
        if (received == 0)
        {
            return;
        }

        // A throw here is the application's, from a continuation run inline (or its input completed with an
        // error): it goes to the loop's dispatcher, which aborts this connection; the abort ends the input.
        var flush = writer.FlushAsync();
        if (flush.IsCompleted)
        {
            if (flush.GetAwaiter().GetResult().IsCompleted)
            {
                StopReceiving(null);
            }
            return;
        }
        // The application has not caught up (MaxReadBufferSize): stop reading until it does.
        lock (_gate)
        {
            _readPaused = true;
            UpdateInterestLocked();
        }
        _pendingFlush = flush;
        flush.GetAwaiter().UnsafeOnCompleted(_onInputFlushed);
    }

    private void ResumeReceiving()
    {
        var flush = _pendingFlush;
        _pendingFlush = default;
        bool readerGone;
        try
        {
            readerGone = flush.GetAwaiter().GetResult().IsCompleted;
        }
        catch (Exception)
        {
            readerGone = true;
        }
        lock (_gate)
        {
            _readPaused = false;
            UpdateInterestLocked();
        }
        if (_completeInputAfterFlush)
        {
            _input.Writer.Complete(_inputError);
        }
        else if (readerGone)
        {
            StopReceiving(null);
        }
    }

    /// <summary>Loop thread: no more bytes will be read; the application sees the end of its input.</summary>
    private void StopReceiving(Exception? error)
    {
        lock (_gate)
        {
            if (!_receiving)
            {
                return;
            }
            _receiving = false;
            UpdateInterestLocked();
        }
        try
        {
            // A writer must not complete under its own pending flush; the flush's continuation does it then,
            // and cancelling the flush brings that about even if the application never reads again.
            if (_readPaused)
            {
                _inputError = error;
                _completeInputAfterFlush = true;
                _input.Writer.CancelPendingFlush();
            }
            else
            {
                _input.Writer.Complete(error);
            }
        }
        finally
        {
            // Even if completing ran application code inline that threw: the receive side has ended, and as with
            // Kestrel's socket transport that is what ConnectionClosed reports (its HTTP layers turn it into
            // RequestAborted; nothing else tells them a client went away while no read is pending).
            FireConnectionClosed();
        }
    }

    /// <summary>Tells epoll what the connection waits for now; false if epoll cannot be told (the loop is gone).</summary>
    private bool UpdateInterestLocked()
    {
        if (_fdClosed)
        {
            return false;
        }
        if (!_attached)
        {
            return true;
        }
        var desired = (_receiving && !_readPaused ? Sys.EPOLLIN : 0) | (_wantWrite ? Sys.EPOLLOUT : 0);
        if (desired == _interest)
        {
            return !_loop.IsStopped || desired == 0;
        }
        // With nothing wanted the descriptor leaves the set: a hung-up socket would otherwise report EPOLLHUP forever.
        var op = desired == 0 ? Sys.EPOLL_CTL_DEL : _interest == 0 ? Sys.EPOLL_CTL_ADD : Sys.EPOLL_CTL_MOD;
        var done = Sys.TryEpollCtl(_loop.Epoll, op, _fd, desired, _token);
        // A failed DEL leaves nothing registered that matters (the epoll instance is gone); a failed ADD left nothing.
        _interest = done || desired == 0 ? desired : 0;
        return done && !_loop.IsStopped;
    }

    private void FireConnectionClosed()
    {
        // On the thread pool: the application's callbacks must not run on (or block) the loop.
        if (Interlocked.Exchange(ref _closedFired, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static c => c.CancelClosedSource(), this, preferLocal: false);
        }
    }

    private void CancelClosedSource()
    {
        try
        {
            _closedSource.Cancel();
        }
        catch (AggregateException)
        {
            // A callback registered by the application threw; the connection is closed regardless.
        }
    }

    public override void Abort(ConnectionAbortedException abortReason)
    {
        lock (_gate)
        {
            if (!AbortLocked(abortReason))
            {
                return;
            }
        }
        _output.Reader.CancelPendingRead();
        // On the loop, never inline: Abort may be called from inside the input flush the loop is running.
        _loop.Post(_afterAbort);
    }

    private bool AbortLocked(ConnectionAbortedException abortReason)
    {
        if (_abortReason is not null || _fdClosed)
        {
            return false;
        }
        _abortReason = abortReason;
        // Both directions end now: the next recv sees end of stream, the next send fails.
        Sys.shutdown(_fd, Sys.SHUT_RDWR);
        return true;
    }

    /// <summary>
    /// Loop thread, after an abort: the receive side ends even when epoll is not watching for input (paused,
    /// or the loop gone), and a send waiting for EPOLLOUT goes on to fail rather than wait for an event.
    /// </summary>
    private void AfterAbort()
    {
        SignalWritable();
        StopReceiving(_abortReason);
    }

    /// <summary>Loop thread, as it stops for good: nothing will report readiness again, so the connection ends.</summary>
    public void OnLoopStopped()
    {
        Abort(new ConnectionAbortedException("The transport is shutting down."));
        AfterAbort();
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            await _closedOnLoop.Task.ConfigureAwait(false);
            return;
        }
        _input.Reader.Complete();
        _output.Writer.Complete();
        await _sendTask.ConfigureAwait(false);
        _loop.Post(CloseOnLoop);
        await _closedOnLoop.Task.ConfigureAwait(false);
    }

    private void CloseOnLoop()
    {
        try
        {
            StopReceiving(_abortReason);
        }
        finally
        {
            // Whatever completing the input ran inline, the descriptor is closed and DisposeAsync returns.
            lock (_gate)
            {
                if (_interest != 0)
                {
                    Sys.TryEpollCtl(_loop.Epoll, Sys.EPOLL_CTL_DEL, _fd, 0, 0);
                }
                _interest = 0;
                _fdClosed = true;
            }
            if (_attached)
            {
                _loop.Remove(_token);
            }
            _socket.Dispose();
            _closedOnLoop.TrySetResult();
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }
}
