namespace Steward.Rpc;

/// <summary>The single exception type for a failed call, on both sides: carries the status and the trailers.</summary>
public class RpcException : Exception
{
    public RpcException(Status status)
        : this(status, new Metadata(), null) { }

    public RpcException(Status status, string? message)
        : this(status, new Metadata(), message) { }

    public RpcException(Status status, Metadata trailers, string? message = null)
        : base(message ?? FormatMessage(status), status.DebugException)
    {
        Status = status;
        Trailers = trailers;
    }

    public Status Status { get; }
    public StatusCode StatusCode => Status.StatusCode;
    public Metadata Trailers { get; }

    private static string FormatMessage(Status status) =>
        $"Status(StatusCode=\"{status.StatusCode}\", Detail=\"{status.Detail}\")";
}
