using System.Collections.Concurrent;

namespace Steward.Rpc.Thrift;

/// <summary>
/// Rent, call, return: at most <c>maxConnections</c> connections exist, idle ones are reused (newest first,
/// so a quiet channel lets the rest go stale rather than keeping all of them warm), and a caller waits
/// when all are busy. A connection that failed or was abandoned mid-call is discarded, never returned.
/// </summary>
internal sealed class ThriftConnectionPool : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentStack<ThriftClientConnection> _idle = new();
    private readonly Func<CancellationToken, Task<ThriftClientConnection>> _connect;
    private volatile bool _disposed;

    public ThriftConnectionPool(int maxConnections, Func<CancellationToken, Task<ThriftClientConnection>> connect)
    {
        _slots = new SemaphoreSlim(maxConnections, maxConnections);
        _connect = connect;
    }

    /// <summary>Connections open right now (idle ones included); for tests and diagnostics.</summary>
    public int OpenCount => Volatile.Read(ref _open);

    private int _open;

    public async ValueTask<ThriftClientConnection> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (_idle.TryPop(out var idle))
            {
                if (idle.IsReusable)
                {
                    return idle;
                }
                Close(idle);
            }
            var connection = await _connect(cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _open);
            return connection;
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    public void Return(ThriftClientConnection connection)
    {
        if (_disposed)
        {
            Close(connection);
        }
        else
        {
            connection.MarkIdle();
            _idle.Push(connection);
            if (_disposed && _idle.TryPop(out var late))
            {
                Close(late);
            }
        }
        _slots.Release();
    }

    public void Discard(ThriftClientConnection connection)
    {
        Close(connection);
        _slots.Release();
    }

    private void Close(ThriftClientConnection connection)
    {
        Interlocked.Decrement(ref _open);
        connection.Dispose();
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryPop(out var connection))
        {
            Close(connection);
        }
    }
}
