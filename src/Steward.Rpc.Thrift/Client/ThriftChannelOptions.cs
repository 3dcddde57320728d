using System.Net.Security;

namespace Steward.Rpc.Thrift;

/// <summary>Client settings for a <see cref="ThriftChannel"/>; they must match what the server speaks.</summary>
public sealed class ThriftChannelOptions
{
    /// <summary>The serialization protocol (binary by default).</summary>
    public ThriftProtocolKind Protocol { get; set; } = ThriftProtocolKind.Binary;

    /// <summary>Framed or buffered (framed by default).</summary>
    public ThriftTransport Transport { get; set; } = ThriftTransport.Framed;

    /// <summary>TMultiplexedProtocol: send method names as <c>Service:method</c> (Service is <see cref="IMethod.ServiceName"/>).</summary>
    public bool Multiplexed { get; set; }

    /// <summary>Wrap every connection in TLS with these settings (TargetHost defaults to the target's host); null for plain TCP.</summary>
    public SslClientAuthenticationOptions? Tls { get; set; }

    /// <summary>How long a call may take when its <see cref="CallOptions.Deadline"/> is not set; null for no limit.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// Most connections open at once. Thrift allows one outstanding call per connection, so this is also the
    /// most calls in flight; further calls wait for a connection to come back.
    /// </summary>
    public int MaxConnections { get; set; } = 16;

    /// <summary>Bounds for every reply read.</summary>
    public ThriftLimits Limits { get; set; } = ThriftLimits.Default;

    /// <summary>How long to wait for a TCP connection (and TLS handshake) when no deadline is closer.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Client interceptors applied to every call invoker made by the channel.</summary>
    public IList<Interceptor> Interceptors { get; } = new List<Interceptor>();
}
