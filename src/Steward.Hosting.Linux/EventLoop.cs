using System.Collections.Concurrent;
using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Steward.Hosting.Linux.Interop;

namespace Steward.Hosting.Linux;

/// <summary>
/// One thread blocked in epoll_wait over many connections. Readiness is level-triggered: a readable
/// connection gets one recv (more only while the buffer fills), and with inline scheduling the
/// application runs and sends its reply before the loop looks at the next event — no thread hop per call.
/// The loop thread alone adds, removes and closes descriptors, so an event can never name a closed one.
/// </summary>
internal sealed unsafe partial class EventLoop : IDisposable
{
    private const int MaxEvents = 256;
    private const ulong WakeToken = 0;

    private readonly int _epoll;
    private readonly int _wakeFd;
    private readonly Thread _thread;
    private readonly ConcurrentQueue<Action> _work = new();
    private readonly Dictionary<ulong, LinuxConnection> _connections = [];
    private ulong _nextToken;
    private volatile bool _stopping;
    private int _wakePending;

    private readonly ILogger _logger;

    public EventLoop(string name, ILogger logger)
    {
        _logger = logger;
        _epoll = Sys.epoll_create1(Sys.EPOLL_CLOEXEC);
        if (_epoll < 0)
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "epoll_create1");
        _wakeFd = Sys.eventfd(0, Sys.EFD_CLOEXEC | Sys.EFD_NONBLOCK);
        if (_wakeFd < 0 || Sys.EpollCtl(_epoll, Sys.EPOLL_CTL_ADD, _wakeFd, Sys.EPOLLIN, WakeToken) < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            Sys.close(_epoll);
            if (_wakeFd >= 0)
                Sys.close(_wakeFd);
            throw new Win32Exception(error, "eventfd");
        }
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public int Epoll => _epoll;

    public bool IsLoopThread => Thread.CurrentThread == _thread;

    /// <summary>Runs <paramref name="action"/> on the loop thread, after the events it is handling now.</summary>
    public void Post(Action action)
    {
        _work.Enqueue(action);
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            ulong one = 1;
            Sys.write(_wakeFd, &one, sizeof(ulong));
        }
    }

    /// <summary>Loop thread only: gives the connection a token and starts watching it.</summary>
    public void Add(LinuxConnection connection)
    {
        var token = ++_nextToken;
        _connections.Add(token, connection);
        connection.Attach(token);
    }

    /// <summary>Loop thread only.</summary>
    public void Remove(ulong token) => _connections.Remove(token);

    private void Run()
    {
        var events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * Sys.EpollEventSize));
        try
        {
            while (!_stopping)
            {
                var n = Sys.epoll_wait(_epoll, events, MaxEvents, -1);
                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == Sys.EINTR)
                        continue;
                    Environment.FailFast("epoll_wait failed: errno " + Marshal.GetLastPInvokeError());
                }
                var wake = false;
                for (var i = 0; i < n; i++)
                {
                    var ev = events + i * Sys.EpollEventSize;
                    var mask = *(uint*)ev;
                    var token = *(ulong*)(ev + Sys.EpollDataOffset);
                    if (token == WakeToken)
                        wake = true;
                    else if (_connections.TryGetValue(token, out var connection))
                        Dispatch(connection, mask);
                }
                if (wake)
                    RunPostedWork();
            }
        }
        finally
        {
            NativeMemory.Free(events);
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
            // With inline scheduling this is application code; it costs its own connection, never the loop.
            LogConnectionFailed(_logger, connection.ConnectionId, ex);
            connection.Abort(new Microsoft.AspNetCore.Connections.ConnectionAbortedException("the connection's handler failed on the I/O thread", ex));
        }
    }

    private void RunPostedWork()
    {
        ulong value;
        Sys.read(_wakeFd, &value, sizeof(ulong));
        Volatile.Write(ref _wakePending, 0);
        // Work posted from here on writes the eventfd again, so nothing is left waiting for a wake-up.
        while (_work.TryDequeue(out var action))
        {
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
            return;
        _stopping = true;
        Post(static () => { });
        if (!IsLoopThread)
            _thread.Join();
        Sys.close(_wakeFd);
        Sys.close(_epoll);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "connection {ConnectionId} failed on its event loop; aborted")]
    private static partial void LogConnectionFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "event-loop work failed")]
    private static partial void LogPostedWorkFailed(ILogger logger, Exception exception);
}
