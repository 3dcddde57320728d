namespace Steward.Rpc.Corba;

/// <summary>
/// One live connection per endpoint (host and port), shared by every call and every channel made from the same root:
/// connections are opened on first use and replaced once they fail.
/// </summary>
internal sealed class CorbaConnectionCache(CorbaChannelOptions options) : IAsyncDisposable
{
    private readonly Dictionary<(string Host, int Port), Task<CorbaClientConnection>> _connections = new();
    private bool _disposed;

    public CorbaChannelOptions Options { get; } = options;

    /// <summary>A usable connection to <paramref name="host"/>:<paramref name="port"/>; <paramref name="codeSets"/> are used if it is opened now.</summary>
    public async Task<CorbaClientConnection> GetAsync(string host, int port, CodeSets? codeSets, CancellationToken cancellationToken)
    {
        Task<CorbaClientConnection> connecting;
        lock (_connections)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_connections.TryGetValue((host, port), out connecting!) || connecting.IsFaulted || connecting.IsCanceled
                || (connecting.IsCompletedSuccessfully && !connecting.Result.IsUsable))
            {
                connecting = ConnectAsync(host, port, codeSets);
                _connections[(host, port)] = connecting;
            }
        }
        return await connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<CorbaClientConnection> ConnectAsync(string host, int port, CodeSets? codeSets)
    {
        // Not the caller's token: the connection outlives the call that opened it.
        using var timeout = new CancellationTokenSource(Options.ConnectTimeout);
        try
        {
            return await CorbaClientConnection.ConnectAsync(host, port, Options.Limits, codeSets, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new IOException($"Connecting to {host}:{port} timed out after {Options.ConnectTimeout}.", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task<CorbaClientConnection>[] connections;
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
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
            {
                // It never opened; nothing to close.
            }
        }
    }
}
