namespace Steward.Rpc.Thrift;

/// <summary>
/// Settings of one Thrift listener (<c>listenOptions.UseStewardThrift(o => …)</c>). Dispatch, interceptors
/// and <see cref="StewardServerOptions.EnableDetailedErrors"/> come from the shared <see cref="StewardServerOptions"/>.
/// </summary>
public sealed class ThriftServerOptions
{
    /// <summary>Framed or buffered; null (the default) tells them apart per connection from the first bytes.</summary>
    public ThriftTransport? Transport { get; set; }

    /// <summary>Binary, compact or JSON; null (the default) detects it per connection from the first byte (0x80, 0x82, '[').</summary>
    public ThriftProtocolKind? Protocol { get; set; }

    /// <summary>
    /// TMultiplexedProtocol: method names arrive as <c>Service:method</c> (Service is <see cref="IMethod.ServiceName"/>).
    /// Bare names then go to <see cref="DefaultService"/> if it is set, as with TMultiplexedProcessor's default.
    /// Off: bare names only, looked up in the single service that has Thrift codecs, or in <see cref="DefaultService"/>.
    /// </summary>
    public bool Multiplexed { get; set; }

    /// <summary>The service that bare method names belong to when several services have Thrift codecs.</summary>
    public string? DefaultService { get; set; }

    /// <summary>Size and depth bounds for every message read on this listener.</summary>
    public ThriftLimits Limits { get; set; } = ThriftLimits.Default;

    internal ThriftServerOptions Clone() => new()
    {
        Transport = Transport,
        Protocol = Protocol,
        Multiplexed = Multiplexed,
        DefaultService = DefaultService,
        Limits = Limits,
    };
}
