namespace Steward.Rpc;

/// <summary>The single exception type for a failed call, on both sides: carries the status and the trailers.</summary>
public class RpcException : Exception
{
    /// <summary>An exception for <paramref name="status"/>, with no trailers.</summary>
    public RpcException(Status status)
        : this(status, new Metadata(), null) { }

    /// <summary>An exception for <paramref name="status"/> with its own exception message, and no trailers.</summary>
    public RpcException(Status status, string? message)
        : this(status, new Metadata(), message) { }

    /// <summary>An exception for <paramref name="status"/> that carries <paramref name="trailers"/> (a server sends them with the status).</summary>
    public RpcException(Status status, Metadata trailers, string? message = null)
        : base(message ?? FormatMessage(status), status.DebugException)
    {
        Status = status;
        Trailers = trailers;
    }

    /// <summary>The call's status.</summary>
    public Status Status { get; }
    /// <summary>The status code, as <c>Status.StatusCode</c>.</summary>
    public StatusCode StatusCode => Status.StatusCode;
    /// <summary>The trailers that came with the status, or that a handler wants sent with it.</summary>
    public Metadata Trailers { get; }

    private static string FormatMessage(Status status) =>
        $"Status(StatusCode=\"{status.StatusCode}\", Detail=\"{status.Detail}\")";
}
