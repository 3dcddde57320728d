namespace Steward.Rpc;

/// <summary>The outcome of a call: a code, a human-readable detail and optional binary details (google.rpc.Status bytes).</summary>
public readonly struct Status : IEquatable<Status>
{
    /// <summary>A status; a null <paramref name="detail"/> is kept as the empty string.</summary>
    public Status(StatusCode code, string detail, ReadOnlyMemory<byte> details = default, Exception? debugException = null)
    {
        StatusCode = code;
        Detail = detail ?? "";
        Details = details;
        DebugException = debugException;
    }

    /// <summary>OK with no detail.</summary>
    public static Status DefaultSuccess => new(StatusCode.OK, "");
    /// <summary>CANCELLED with no detail.</summary>
    public static Status DefaultCancelled => new(StatusCode.Cancelled, "");

    /// <summary>The status code.</summary>
    public StatusCode StatusCode { get; }
    /// <summary>The message for people (gRPC's <c>grpc-message</c>), empty when none.</summary>
    public string Detail { get; }
    /// <summary>Binary status details (gRPC's <c>grpc-status-details-bin</c>), empty when none.</summary>
    public ReadOnlyMemory<byte> Details { get; }
    /// <summary>The local exception behind the status, never sent to the peer.</summary>
    public Exception? DebugException { get; }

    /// <summary>Equal when the codes and details match; the binary details and debug exception are not compared.</summary>
    public bool Equals(Status other) => StatusCode == other.StatusCode && Detail == other.Detail;
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Status other && Equals(other);
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StatusCode, Detail);
    /// <summary>Whether the two statuses are equal as <see cref="Equals(Status)"/> says.</summary>
    public static bool operator ==(Status left, Status right) => left.Equals(right);
    /// <summary>Whether the two statuses differ as <see cref="Equals(Status)"/> says.</summary>
    public static bool operator !=(Status left, Status right) => !left.Equals(right);

    /// <summary>The code and detail, with the debug exception's type and message when there is one.</summary>
    public override string ToString() =>
        DebugException is null
            ? $"Status(StatusCode=\"{StatusCode}\", Detail=\"{Detail}\")"
            : $"Status(StatusCode=\"{StatusCode}\", Detail=\"{Detail}\", DebugException=\"{DebugException.GetType()}: {DebugException.Message}\")";
}
