namespace Steward.Cni;

/// <summary>The well-known error codes of the CNI specification (1.1.0, "Error" section).</summary>
public static class CniErrorCode
{
    /// <summary>1: the plugin does not support the requested CNI version.</summary>
    public const uint IncompatibleVersion = 1;
    /// <summary>2: a field of the network configuration is not supported; details name it.</summary>
    public const uint UnsupportedField = 2;
    /// <summary>3: the container is unknown or does not exist.</summary>
    public const uint UnknownContainer = 3;
    /// <summary>4: a CNI_* environment variable is missing or malformed; details name it.</summary>
    public const uint InvalidEnvironment = 4;
    /// <summary>5: an I/O failure, such as reading or writing the plugin's state.</summary>
    public const uint IoFailure = 5;
    /// <summary>6: the configuration or a result could not be decoded.</summary>
    public const uint DecodingFailure = 6;
    /// <summary>7: the network configuration is invalid.</summary>
    public const uint InvalidNetworkConfig = 7;
    /// <summary>8: the network namespace given cannot be used.</summary>
    public const uint InvalidNetns = 8;
    /// <summary>11: a transient failure; the runtime should retry.</summary>
    public const uint TryAgainLater = 11;
    /// <summary>50: STATUS: the plugin cannot serve ADD requests now.</summary>
    public const uint PluginNotAvailable = 50;
    /// <summary>51: STATUS: ADDs would succeed but the network is degraded.</summary>
    public const uint LimitedConnectivity = 51;
    /// <summary>Not in the spec's table; libcni's "internal" catch-all, kept so both sides agree.</summary>
    public const uint Internal = 999;
}

/// <summary>
/// A CNI error: what a plugin prints on stdout (as <c>{cniVersion, code, msg, details}</c>) before
/// exiting non-zero, and what the runtime side raises when a plugin reports one.
/// </summary>
public sealed class CniException : Exception
{
    /// <summary>Creates the error with its CNI <paramref name="code"/>, message and optional details.</summary>
    public CniException(uint code, string msg, string? details = null)
        : base(details is { Length: > 0 } ? $"{msg}; {details}" : msg)
    {
        Code = code;
        Msg = msg;
        Details = details;
    }

    /// <summary>Creates the error with its CNI <paramref name="code"/>, message, details and the failure behind it.</summary>
    public CniException(uint code, string msg, string? details, Exception inner)
        : base(details is { Length: > 0 } ? $"{msg}; {details}" : msg, inner)
    {
        Code = code;
        Msg = msg;
        Details = details;
    }

    /// <summary>Creates an internal (999) error with a generic message.</summary>
    public CniException() : this(CniErrorCode.Internal, "CNI error") { }
    /// <summary>Creates an internal (999) error with <paramref name="message"/>.</summary>
    public CniException(string message) : this(CniErrorCode.Internal, message) { }
    /// <summary>Creates an internal (999) error with <paramref name="message"/> and the failure behind it.</summary>
    public CniException(string message, Exception inner) : this(CniErrorCode.Internal, message, null, inner) { }

    /// <summary>The CNI error code, one of <see cref="CniErrorCode"/>'s.</summary>
    public uint Code { get; }
    /// <summary>The short message (the spec's <c>msg</c>).</summary>
    public string Msg { get; }
    /// <summary>The longer explanation (the spec's <c>details</c>); null when none.</summary>
    public string? Details { get; }

    /// <summary>The error as the spec's JSON object.</summary>
    public CniErrorPayload ToPayload(string? cniVersion) =>
        new() { CniVersion = cniVersion ?? CniVersions.Current, Code = Code, Msg = Msg, Details = Details };
}
