using System.Net;
using k8s.Models;

namespace Steward.Kube.Client;

/// <summary>A failed API call: the HTTP status and the Status object the server sent, if any.</summary>
public sealed class KubeApiException : Exception
{
    /// <summary>Creates the exception from the HTTP status and the decoded Status body.</summary>
    public KubeApiException(HttpStatusCode statusCode, V1Status? status, string? fallbackMessage = null)
        : base(FormatMessage(statusCode, status, fallbackMessage))
    {
        StatusCode = statusCode;
        Status = status;
    }

    /// <summary>The HTTP status code (or the code of a watch ERROR event).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The metav1.Status the server sent, when it sent one.</summary>
    public V1Status? Status { get; }

    /// <summary>The Status reason, e.g. NotFound, AlreadyExists, Conflict, Expired.</summary>
    public string? Reason => Status?.Reason;

    /// <summary>404: the object does not exist.</summary>
    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>409 with reason AlreadyExists: a create found the name taken.</summary>
    public bool IsAlreadyExists => StatusCode == HttpStatusCode.Conflict && Reason == "AlreadyExists";

    /// <summary>409 other than AlreadyExists: an update carried a stale resourceVersion.</summary>
    public bool IsConflict => StatusCode == HttpStatusCode.Conflict && Reason != "AlreadyExists";

    /// <summary>410: the resourceVersion asked for is older than the server's history.</summary>
    public bool IsGone => StatusCode == HttpStatusCode.Gone || Reason == "Expired" || Reason == "Gone";

    private static string FormatMessage(HttpStatusCode code, V1Status? status, string? fallback)
    {
        var detail = status?.Message ?? fallback ?? "no details";
        return $"Kubernetes API returned {(int)code} {status?.Reason ?? code.ToString()}: {detail}";
    }
}
