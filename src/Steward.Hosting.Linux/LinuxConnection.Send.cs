using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;
using Microsoft.AspNetCore.Connections;
using Steward.Hosting.Linux.Interop;

namespace Steward.Hosting.Linux;

/// <summary>The send side: the loop that takes the application's output and writes it to the socket.</summary>
internal sealed partial class LinuxConnection
{
    private async Task SendLoopAsync()
    {
        Exception? error = null;
        var reader = _output.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    break;
                }
                var buffer = result.Buffer;
                while (!buffer.IsEmpty)
                {
                    var sent = Send(buffer);
                    if (sent >= 0)
                    {
                        buffer = buffer.Slice(sent);
                        continue;
                    }
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Sys.EINTR)
                    {
                        continue;
                    }
                    if (errno != Sys.EAGAIN)
                    {
                        throw errno is Sys.ECONNRESET or Sys.EPIPE
                            ? new ConnectionResetException($"send failed: errno {errno}")
                            : new IOException($"send failed: errno {errno}");
                    }
                    await WaitWritableAsync().ConfigureAwait(false);
                }
                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex)
        {
            error = _abortReason ?? ex;
        }
        finally
        {
            reader.Complete(error ?? _abortReason);
            var failed = false;
            lock (_gate)
            {
                // Done writing: tell the peer, as a close would. A send that failed means the peer is gone: stop
                // receiving too (a paused input would otherwise wait for a peer that will never send again).
                failed = error is not null && _abortReason is null;
                if (!_fdClosed)
                {
                    Sys.shutdown(_fd, failed ? Sys.SHUT_RDWR : Sys.SHUT_WR);
                }
            }
            if (failed)
            {
                _loop.Post(() => StopReceiving(error));
            }
        }
    }

    private unsafe nint Send(ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsSingleSegment)
        {
            var span = buffer.FirstSpan;
            fixed (byte* data = span)
            {
                return Sys.send(_fd, data, (nuint)span.Length, Sys.MSG_NOSIGNAL);
            }
        }
        var iov = stackalloc Sys.IoVec[MaxIoVecs];
        var pins = new PinnedSegments();
        var count = 0;
        try
        {
            foreach (var segment in buffer)
            {
                if (segment.IsEmpty)
                {
                    continue;
                }
                pins[count] = segment.Pin();
                iov[count].Base = pins[count].Pointer;
                iov[count].Length = (nuint)segment.Length;
                if (++count == MaxIoVecs)
                {
                    break;
                }
            }
            var msg = new Sys.MsgHdr { Iov = iov, IovLength = (nuint)count };
            return Sys.sendmsg(_fd, &msg, Sys.MSG_NOSIGNAL);
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                pins[i].Dispose();
            }
        }
    }

    private ValueTask WaitWritableAsync()
    {
        _writable.Reset();
        var aborted = false;
        lock (_gate)
        {
            _wantWrite = true;
            // Not attached yet: Attach asks for EPOLLOUT along with EPOLLIN.
            if (_abortReason is not null || !UpdateInterestLocked())
            {
                // Aborted (the socket is shut down, so the next send fails rather than waits), or epoll cannot
                // watch it (the loop has gone): no EPOLLOUT will come, so the connection ends instead.
                _wantWrite = false;
                aborted = _abortReason is null && AbortLocked(new ConnectionAbortedException("the event loop can no longer watch this connection"));
                _writable.SetResult(true);
            }
        }
        if (aborted)
        {
            _loop.Post(_afterAbort);
        }
        return new ValueTask(this, _writable.Version);
    }

    private void SignalWritable()
    {
        lock (_gate)
        {
            if (!_wantWrite)
            {
                return;
            }
            _wantWrite = false;
            UpdateInterestLocked();
        }
        _writable.SetResult(true);
    }

    void IValueTaskSource.GetResult(short token) => _writable.GetResult(token);
    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _writable.GetStatus(token);
    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _writable.OnCompleted(continuation, state, token, flags);

    [System.Runtime.CompilerServices.InlineArray(MaxIoVecs)]
    private struct PinnedSegments
    {
        private MemoryHandle _first;
    }
}
