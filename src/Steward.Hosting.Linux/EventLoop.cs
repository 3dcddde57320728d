using System.Collections.Concurrent;
using System.ComponentModel;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Steward.Hosting.Linux.Interop;

namespace Steward.Hosting.Linux;

/// <summary>
/// One thread blocked in epoll_wait over many connections. Readiness is level-triggered: a readable
/// connection gets one recv (more only while the buffer fills), and with inline scheduling the
/// application runs on this thread; the replies of a batch of events are sent before the next
/// epoll_wait — no thread hop per call.
/// The loop thread alone adds, removes and closes descriptors, so an event can never name a closed one.
/// </summary>
internal sealed unsafe partial class EventLoop : IDisposable
{
    private const int MaxEvents = 256;
    private const ulong WakeToken = 0;

    private readonly Descriptor _epoll;
    private readonly Descriptor _wake;
    private readonly Thread _thread;
    private readonly ConcurrentQueue<Action> _work = new();
    // Send continuations (the output pipe's reader): from other threads, and the loop's own, deferred to the
    // end of the current batch of events so that several flushes leave in one send.
    private readonly ConcurrentQueue<(Action<object?> Action, object? State)> _remoteSends = new();
    private readonly List<(Action<object?> Action, object? State)> _deferredSends = [];
    private readonly Dictionary<ulong, LinuxConnection> _connections = [];
    // Once the thread has gone, posters run the work themselves, one at a time, as the loop would have.
    private readonly Lock _afterStop = new();
    private bool _draining;
    private ulong _nextToken;
    private volatile bool _stopping;
    private int _stopped;
    private int _wakePending;

    private readonly ILogger _logger;

    public EventLoop(string name, ILogger logger)
    {
        _logger = logger;
        var epoll = Sys.epoll_create1(Sys.EPOLL_CLOEXEC);
        if (epoll < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "epoll_create1");
        }
        _epoll = new Descriptor(epoll);
        var wake = Sys.eventfd(0, Sys.EFD_CLOEXEC | Sys.EFD_NONBLOCK);
        if (wake < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            _epoll.Dispose();
            throw new Win32Exception(error, "eventfd");
        }
        _wake = new Descriptor(wake);
        if (Sys.EpollCtl(epoll, Sys.EPOLL_CTL_ADD, wake, Sys.EPOLLIN, WakeToken) < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            _wake.Dispose();
            _epoll.Dispose();
            throw new Win32Exception(error, "epoll_ctl");
        }
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public Descriptor Epoll => _epoll;

    public bool IsLoopThread => Thread.CurrentThread == _thread;

    /// <summary>True once the loop thread has ended: nothing reports readiness any more.</summary>
    public bool IsStopped => Volatile.Read(ref _stopped) != 0;

    /// <summary>Runs <paramref name="action"/> on the loop thread, after the events it is handling now.</summary>
    public void Post(Action action)
    {
        _work.Enqueue(action);
        Enqueued();
    }

    /// <summary>After work was queued from outside: wake the loop, or run the work here if the loop has gone.</summary>
    private void Enqueued()
    {
        // Enqueue is a full fence and so is the loop's exchange of _stopped: either this read sees the stop,
        // or the loop's final drain sees the work.
        if (Volatile.Read(ref _stopped) != 0)
        {
            DrainAfterStop();
            return;
        }
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            Wake();
        }
    }

    private void Wake()
    {
        var added = false;
        try
        {
            _wake.DangerousAddRef(ref added);
            ulong one = 1;
            Sys.write(_wake.Fd, &one, sizeof(ulong));
        }
        catch (ObjectDisposedException)
        {
            // The loop is gone, and so is anyone to wake.
        }
        finally
        {
            if (added)
            {
                _wake.DangerousRelease();
            }
        }
    }

    /// <summary>The scheduler for a connection's send side on this loop.</summary>
    public PipeScheduler SendScheduler => _sendScheduler ??= new LoopSendScheduler(this);

    private LoopSendScheduler? _sendScheduler;

    /// <summary>
    /// A send continuation: on the loop thread it runs once the current batch of events is handled, so
    /// every reply that batch produced for a connection goes out in one send (HTTP/2 writes several
    /// frames per request); from another thread it is handed to the loop, as Kestrel's socket transport
    /// hands its sends to an I/O queue.
    /// </summary>
    private void ScheduleSend(Action<object?> action, object? state)
    {
        if (IsLoopThread && !IsStopped)
        {
            _deferredSends.Add((action, state));
            return;
        }
        _remoteSends.Enqueue((action, state));
        Enqueued();
    }

    private void RunDeferredSends()
    {
        // Indexed, not enumerated: a send that completes can schedule another one.
        for (var i = 0; i < _deferredSends.Count; i++)
        {
            var (action, state) = _deferredSends[i];
            try
            {
                action(state);
            }
            catch (Exception ex)
            {
                LogPostedWorkFailed(_logger, ex);
            }
        }
        _deferredSends.Clear();
    }

    private sealed class LoopSendScheduler(EventLoop loop) : PipeScheduler
    {
        public override void Schedule(Action<object?> action, object? state) => loop.ScheduleSend(action, state);
    }

    /// <summary>Loop thread only: gives the connection a token and starts watching it.</summary>
    public void Add(LinuxConnection connection)
    {
        var token = ++_nextToken;
        _connections.Add(token, connection);
        connection.Attach(token);
        if (IsStopped)
        {
            Guard(connection, connection.OnLoopStopped);
        }
    }

    /// <summary>Loop thread only.</summary>
    public void Remove(ulong token) => _connections.Remove(token);

    private void Run()
    {
        var events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * Sys.EpollEventSize));
        var epollRef = false;
        var wakeRef = false;
        try
        {
            // Held while the thread runs: a Dispose from elsewhere cannot close these under epoll_wait.
            _epoll.DangerousAddRef(ref epollRef);
            _wake.DangerousAddRef(ref wakeRef);
            var epoll = _epoll.Fd;
            while (!_stopping)
            {
                var n = Sys.epoll_wait(epoll, events, MaxEvents, Sys.EpollWaitForever);
                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == Sys.EINTR)
                    {
                        continue;
                    }
                    Environment.FailFast("epoll_wait failed: errno " + Marshal.GetLastPInvokeError());
                }
                var wake = false;
                for (var i = 0; i < n; i++)
                {
                    var ev = events + i * Sys.EpollEventSize;
                    var mask = *(uint*)ev;
                    var token = *(ulong*)(ev + Sys.EpollDataOffset);
                    if (token == WakeToken)
                    {
                        wake = true;
                    }
                    else if (_connections.TryGetValue(token, out var connection))
                    {
                        Dispatch(connection, mask);
                    }
                }
                if (wake)
                {
                    ulong value;
                    Sys.read(_wake.Fd, &value, sizeof(ulong));
                    Volatile.Write(ref _wakePending, 0);
                    // Work posted from here on writes the eventfd again, so nothing is left waiting for a wake-up.
                    RunQueuedWork();
                }
                RunDeferredSends();
            }
        }
        finally
        {
            NativeMemory.Free(events);
            Stop();
            if (wakeRef)
            {
                _wake.DangerousRelease();
            }
            if (epollRef)
            {
                _epoll.DangerousRelease();
            }
        }
    }

    /// <summary>Loop thread, on its way out: the connections still here end now instead of waiting for events.</summary>
    private void Stop()
    {
        Interlocked.Exchange(ref _stopped, 1);
        lock (_afterStop)
        {
            _draining = true;
            try
            {
                RunQueuedWork();
                foreach (var connection in _connections.Values.ToArray())
                {
                    Guard(connection, connection.OnLoopStopped);
                }
                RunQueuedWork();
            }
            finally
            {
                _draining = false;
            }
        }
    }

    private void DrainAfterStop()
    {
        lock (_afterStop)
        {
            // Posted from work this thread is running already: the running drain reaches it next, in order.
            if (_draining)
            {
                return;
            }
            _draining = true;
            try
            {
                RunQueuedWork();
            }
            finally
            {
                _draining = false;
            }
        }
    }

    private void Dispatch(LinuxConnection connection, uint mask)
    {
        try
        {
            connection.OnEvents(mask);
        }
        catch (Exception ex)
        {
            Failed(connection, ex);
        }
    }

    private void Guard(LinuxConnection connection, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            Failed(connection, ex);
        }
    }

    /// <summary>With inline scheduling a throw here is application code: it costs its own connection, never the loop.</summary>
    private void Failed(LinuxConnection connection, Exception ex)
    {
        LogConnectionFailed(_logger, connection.ConnectionId, ex);
        connection.Abort(new Microsoft.AspNetCore.Connections.ConnectionAbortedException("the connection's handler failed on the I/O thread", ex));
    }

    private void RunQueuedWork()
    {
        while (true)
        {
            // Sends first: they were handed over before this batch's posted work, and each can only help it along.
            while (_remoteSends.TryDequeue(out var send))
            {
                _deferredSends.Add(send);
            }
            RunDeferredSends();
            if (!_work.TryDequeue(out var action))
            {
                if (_remoteSends.IsEmpty)
                {
                    return;
                }
                continue;
            }
            try
            {
                action();
            }
            catch (Exception ex)
            {
                // Posted work is the transport's own bookkeeping (or an application continuation it ran inline):
                // the loop must outlive a throw.
                LogPostedWorkFailed(_logger, ex);
            }
        }
    }

    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }
        _stopping = true;
        Wake();
        if (!IsLoopThread)
        {
            _thread.Join();
        }
        // From the loop thread itself the references Run holds keep both open until it has left epoll_wait.
        _wake.Dispose();
        _epoll.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "connection {ConnectionId} failed on its event loop; aborted")]
    private static partial void LogConnectionFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "event-loop work failed")]
    private static partial void LogPostedWorkFailed(ILogger logger, Exception exception);
}
