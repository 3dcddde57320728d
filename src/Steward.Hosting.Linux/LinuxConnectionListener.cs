using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Steward.Hosting.Linux.Interop;

namespace Steward.Hosting.Linux;

/// <summary>
/// A listening socket. Accepting stays on .NET's socket engine (it is not the hot path); each accepted
/// descriptor is made non-blocking and handed to one of the event loops, round-robin.
/// </summary>
internal sealed partial class LinuxConnectionListener : IConnectionListener
{
    private readonly Socket _socket;
    private readonly EventLoop[] _loops;
    private readonly MemoryPool<byte> _pool;
    private readonly LinuxTransportOptions _options;
    private readonly ILogger _logger;
    private readonly string? _unixPath;
    private static readonly TimeSpan AcceptBackoff = TimeSpan.FromMilliseconds(50);
    private int _nextLoop;
    private int _unbound;

    private LinuxConnectionListener(Socket socket, EventLoop[] loops, MemoryPool<byte> pool, LinuxTransportOptions options, ILogger logger, string? unixPath)
    {
        _socket = socket;
        _loops = loops;
        _pool = pool;
        _options = options;
        _logger = logger;
        _unixPath = unixPath;
        EndPoint = socket.LocalEndPoint!;
    }

    public EndPoint EndPoint { get; }

    public static LinuxConnectionListener Bind(EndPoint endPoint, EventLoop[] loops, MemoryPool<byte> pool, LinuxTransportOptions options, ILogger logger)
    {
        var unix = endPoint as UnixDomainSocketEndPoint;
        var socket = unix is not null
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint is IPEndPoint ip && ip.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }
            socket.Bind(endPoint);
            socket.Listen(options.Backlog);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            socket.Dispose();
            throw new AddressInUseException(ex.Message, ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        // An abstract socket (a name starting with NUL, shown as '@') has no file to remove.
        var path = unix?.ToString();
        return new LinuxConnectionListener(socket, loops, pool, options, logger, path is { Length: > 0 } && path[0] is not '@' and not '\0' ? path : null);
    }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Socket accepted;
            try
            {
                accepted = await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return null;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.OperationAborted)
            {
                return null;
            }
            catch (SocketException ex)
            {
                // A peer that reset before we accepted it costs only itself.
                LogAcceptFailed(_logger, ex.SocketErrorCode, ex);
                // Out of descriptors or memory: the backlog stays readable, so retrying at once would spin a
                // core until something frees; a short pause lets connections close meanwhile.
                if (ex.SocketErrorCode is SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable)
                {
                    await Task.Delay(AcceptBackoff, cancellationToken).ConfigureAwait(false);
                }
                continue;
            }

            LinuxConnection connection;
            EventLoop loop;
            try
            {
                var fd = (int)accepted.Handle;
                var flags = Sys.fcntl(fd, Sys.F_GETFL, 0);
                if (flags < 0 || Sys.fcntl(fd, Sys.F_SETFL, flags | Sys.O_NONBLOCK) < 0)
                {
                    accepted.Dispose();
                    continue;
                }
                // A peer that reset in the meantime makes these throw (setsockopt, getpeername): it costs only itself.
                if (_options.NoDelay && accepted.ProtocolType == ProtocolType.Tcp)
                {
                    accepted.NoDelay = true;
                }
                loop = _loops[(uint)Interlocked.Increment(ref _nextLoop) % (uint)_loops.Length];
                connection = new LinuxConnection(accepted, loop, _pool, _options);
            }
            catch (Exception ex)
            {
                LogAcceptFailed(_logger, (ex as SocketException)?.SocketErrorCode ?? SocketError.SocketError, ex);
                accepted.Dispose();
                continue;
            }
            // An exception out of here would end Kestrel's accept loop for good, so nothing below may throw.
            connection.Start();
            loop.Post(() => loop.Add(connection));
            return connection;
        }
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _unbound, 1) == 0)
        {
            _socket.Dispose();
            if (_unixPath is not null)
            {
                try
                {
                    File.Delete(_unixPath);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Someone else's file by now, or already gone: either way not ours to fail on.
                }
            }
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => UnbindAsync();

    [LoggerMessage(Level = LogLevel.Debug, Message = "accept failed ({Error}); listening on")]
    private static partial void LogAcceptFailed(ILogger logger, SocketError error, Exception exception);
}
