namespace Steward.Rpc;

/// <summary>The outcome of a call: a code, a human-readable detail and optional binary details (google.rpc.Status bytes).</summary>
public readonly struct Status : IEquatable<Status>
{
    public Status(StatusCode code, string detail, ReadOnlyMemory<byte> details = default, Exception? debugException = null)
    {
        StatusCode = code;
        Detail = detail ?? "";
        Details = details;
        DebugException = debugException;
    }

    public static Status DefaultSuccess => new(StatusCode.OK, "");
    public static Status DefaultCancelled => new(StatusCode.Cancelled, "");

    public StatusCode StatusCode { get; }
    public string Detail { get; }
    /// <summary>Binary status details (gRPC's <c>grpc-status-details-bin</c>), empty when none.</summary>
    public ReadOnlyMemory<byte> Details { get; }
    /// <summary>The local exception behind the status, never sent to the peer.</summary>
    public Exception? DebugException { get; }

    public bool Equals(Status other) => StatusCode == other.StatusCode && Detail == other.Detail;
    public override bool Equals(object? obj) => obj is Status other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(StatusCode, Detail);
    public static bool operator ==(Status left, Status right) => left.Equals(right);
    public static bool operator !=(Status left, Status right) => !left.Equals(right);

    public override string ToString() =>
        DebugException is null
            ? $"Status(StatusCode=\"{StatusCode}\", Detail=\"{Detail}\")"
            : $"Status(StatusCode=\"{StatusCode}\", Detail=\"{Detail}\", DebugException=\"{DebugException.GetType()}: {DebugException.Message}\")";
}
