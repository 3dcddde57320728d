namespace Steward.Cni;

/// <summary>The well-known error codes of the CNI specification (1.1.0, "Error" section).</summary>
public static class CniErrorCode
{
    public const uint IncompatibleVersion = 1;
    public const uint UnsupportedField = 2;
    public const uint UnknownContainer = 3;
    public const uint InvalidEnvironment = 4;
    public const uint IoFailure = 5;
    public const uint DecodingFailure = 6;
    public const uint InvalidNetworkConfig = 7;
    public const uint InvalidNetns = 8;
    public const uint TryAgainLater = 11;
    public const uint PluginNotAvailable = 50;
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
    public CniException(uint code, string msg, string? details = null)
        : base(details is { Length: > 0 } ? $"{msg}; {details}" : msg)
    {
        Code = code;
        Msg = msg;
        Details = details;
    }

    public CniException(uint code, string msg, string? details, Exception inner)
        : base(details is { Length: > 0 } ? $"{msg}; {details}" : msg, inner)
    {
        Code = code;
        Msg = msg;
        Details = details;
    }

    public CniException() : this(CniErrorCode.Internal, "CNI error") { }
    public CniException(string message) : this(CniErrorCode.Internal, message) { }
    public CniException(string message, Exception inner) : this(CniErrorCode.Internal, message, null, inner) { }

    public uint Code { get; }
    public string Msg { get; }
    public string? Details { get; }

    /// <summary>The error as the spec's JSON object.</summary>
    public CniErrorPayload ToPayload(string? cniVersion) =>
        new() { CniVersion = cniVersion ?? CniVersions.Current, Code = Code, Msg = Msg, Details = Details };
}
