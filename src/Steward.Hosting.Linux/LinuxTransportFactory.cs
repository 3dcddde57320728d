using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Steward.Hosting.Linux;

/// <summary>Kestrel's transport factory for TCP and Unix-socket endpoints on Linux; other endpoints fall to the next factory.</summary>
public sealed class LinuxTransportFactory : IConnectionListenerFactory, IConnectionListenerFactorySelector, IAsyncDisposable, IDisposable
{
    private readonly LinuxTransportOptions _options;
    private readonly ILogger _logger;
    private readonly MemoryPool<byte> _pool;
    private readonly Lock _gate = new();
    private EventLoop[]? _loops;

    /// <summary>
    /// Creates the factory Kestrel resolves from the container; the event loops start at the first bind.
    /// Throws <see cref="ArgumentOutOfRangeException"/> for an event-loop count below 1 or a negative buffer limit.
    /// </summary>
    public LinuxTransportFactory(IOptions<LinuxTransportOptions> options, ILoggerFactory loggerFactory, IMemoryPoolFactory<byte>? memoryPoolFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options.Value;
        if (_options.EventLoopCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.EventLoopCount, "EventLoopCount must be at least 1");
        }
        // Checked here: a bad value found per connection would drop every connection at accept instead.
        if (_options.MaxReadBufferSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.MaxReadBufferSize, "MaxReadBufferSize must be null or at least 0");
        }
        if (_options.MaxWriteBufferSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.MaxWriteBufferSize, "MaxWriteBufferSize must be null or at least 0");
        }
        _logger = loggerFactory.CreateLogger("Steward.Hosting.Linux");
        _pool = memoryPoolFactory?.Create(new MemoryPoolOptions { Owner = "steward-linux-transport" }) ?? MemoryPool<byte>.Shared;
    }

    /// <summary>True on Linux for Unix-socket endpoints and IPv4 or IPv6 TCP endpoints; Kestrel asks the next factory otherwise.</summary>
    public bool CanBind(EndPoint endpoint) =>
        OperatingSystem.IsLinux() && endpoint is UnixDomainSocketEndPoint or IPEndPoint { AddressFamily: AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 };

    /// <summary>Listens on <paramref name="endpoint"/> and spreads its connections over the event loops, starting them on first use.</summary>
    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (!CanBind(endpoint))
        {
            throw new NotSupportedException($"the Linux transport binds TCP and Unix-socket endpoints, not {endpoint.GetType().Name}");
        }
        return new(LinuxConnectionListener.Bind(endpoint, Loops(), _pool, _options, _logger));
    }

    private EventLoop[] Loops()
    {
        lock (_gate)
        {
            if (_loops is null)
            {
                var loops = new EventLoop[_options.EventLoopCount];
                try
                {
                    for (var i = 0; i < loops.Length; i++)
                    {
                        loops[i] = new EventLoop($"steward-epoll-{i}", _logger);
                    }
                }
                catch
                {
                    // Out of descriptors part way: the loops already running must not outlive the failure.
                    foreach (var loop in loops)
                    {
                        loop?.Dispose();
                    }
                    throw;
                }
                _loops = loops;
            }
            return _loops;
        }
    }

    /// <summary>Does what <see cref="Dispose"/> does; it never waits.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Stops the event loops (their connections end) and releases the pool; a synchronous container dispose works too.</summary>
    public void Dispose()
    {
        EventLoop[]? loops;
        lock (_gate)
        {
            loops = _loops;
            _loops = null;
        }
        foreach (var loop in loops ?? [])
        {
            loop.Dispose();
        }
        _pool.Dispose();
    }
}
