namespace Steward.Hosting.Linux;

/// <summary>Where a connection's application code runs when data arrives or a send completes.</summary>
public enum ApplicationScheduling
{
    /// <summary>Queued to the thread pool: a handler that blocks cannot hold up other connections (Kestrel's default).</summary>
    ThreadPool,
    /// <summary>
    /// On the event-loop thread that received the bytes, which also sends the reply: no thread hop per call.
    /// Only for applications that never block (Thrift's non-blocking server model); a blocking handler stalls
    /// every connection on its loop.
    /// </summary>
    IoThread,
}

/// <summary>Settings of the Linux epoll transport (<c>UseStewardLinuxTransport</c>).</summary>
public sealed class LinuxTransportOptions
{
    /// <summary>Event-loop threads; connections are spread over them round-robin. Default: one per processor.</summary>
    public int EventLoopCount { get; set; } = Environment.ProcessorCount;

    /// <summary>Where each connection's application runs; see <see cref="Linux.ApplicationScheduling"/>. Default: the thread pool.</summary>
    public ApplicationScheduling ApplicationScheduling { get; set; } = ApplicationScheduling.ThreadPool;

    /// <summary>Bytes received but not yet consumed by the application before the transport stops reading; null for no limit.</summary>
    public long? MaxReadBufferSize { get; set; } = 1024 * 1024;

    /// <summary>Bytes written by the application but not yet sent before its flushes wait; null for no limit.</summary>
    public long? MaxWriteBufferSize { get; set; } = 64 * 1024;

    /// <summary>TCP_NODELAY on accepted TCP connections (request/response protocols want it).</summary>
    public bool NoDelay { get; set; } = true;

    /// <summary>The listen backlog.</summary>
    public int Backlog { get; set; } = 512;
}
