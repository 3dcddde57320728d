namespace Steward.Rpc.Ice;

/// <summary>
/// One live connection per endpoint, shared by every call and every channel made from the same root (as Ice shares
/// one connection per endpoint): connections are opened on first use and replaced once they fail.
/// </summary>
internal sealed class IceConnectionCache(IceChannelOptions options) : IAsyncDisposable
{
    private readonly Dictionary<IceTcpEndpoint, Task<IceClientConnection>> _connections = new();
    private bool _disposed;

    public IceChannelOptions Options { get; } = options;

    /// <summary>A usable connection to the first endpoint that accepts one.</summary>
    public async Task<IceClientConnection> GetAsync(IReadOnlyList<IceTcpEndpoint> endpoints, CancellationToken cancellationToken)
    {
        Exception? last = null;
        foreach (var endpoint in endpoints)
        {
            Task<IceClientConnection> connecting;
            lock (_connections)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (!_connections.TryGetValue(endpoint, out connecting!) || connecting.IsFaulted || connecting.IsCanceled
                    || (connecting.IsCompletedSuccessfully && !connecting.Result.IsUsable))
                {
                    connecting = ConnectAsync(endpoint);
                    _connections[endpoint] = connecting;
                }
            }
            try
            {
                var connection = await connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (connection.IsUsable)
                {
                    return connection;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                last = ex;
            }
        }
        throw last ?? new IOException("No endpoint accepted a connection.");
    }

    private async Task<IceClientConnection> ConnectAsync(IceTcpEndpoint endpoint)
    {
        // Not the caller's token: the connection outlives the call that opened it.
        using var timeout = new CancellationTokenSource(Options.ConnectTimeout);
        try
        {
            return await IceClientConnection.ConnectAsync(endpoint, Options.Limits, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new IOException($"Connecting to {endpoint} timed out after {Options.ConnectTimeout}.", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task<IceClientConnection>[] connections;
        lock (_connections)
        {
            _disposed = true;
            connections = [.. _connections.Values];
            _connections.Clear();
        }
        foreach (var connecting in connections)
        {
            try
            {
                await (await connecting.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or IceProtocolException or OperationCanceledException)
            {
                // It never opened; nothing to close.
            }
        }
    }
}
