namespace Steward.Kube.Webhooks.Admission;

/// <summary>Fills in defaults on an object before it is stored; the change becomes the response's JSON patch.</summary>
public interface ICustomDefaulter<in T> where T : class
{
    ValueTask DefaultAsync(T obj, CancellationToken cancellationToken);
}

/// <summary>Accepts or denies creates, updates and deletes of one kind.</summary>
public interface ICustomValidator<in T> where T : class
{
    ValueTask<ValidationResult> ValidateCreateAsync(T obj, CancellationToken cancellationToken);

    ValueTask<ValidationResult> ValidateUpdateAsync(T oldObj, T newObj, CancellationToken cancellationToken);

    ValueTask<ValidationResult> ValidateDeleteAsync(T obj, CancellationToken cancellationToken);
}

/// <summary>The answer of a validator: allowed (with optional warnings shown to the client) or denied.</summary>
public sealed record ValidationResult
{
    private ValidationResult(bool allowed, IReadOnlyList<string> warnings, string? message, int code, string? reason)
    {
        Allowed = allowed;
        Warnings = warnings;
        Message = message;
        Code = code;
        Reason = reason;
    }

    public bool Allowed { get; }
    public IReadOnlyList<string> Warnings { get; }
    public string? Message { get; }

    /// <summary>HTTP status code put in the response's status when denied (403 unless said otherwise).</summary>
    public int Code { get; }

    /// <summary>metav1.StatusReason when denied, e.g. "Forbidden" or "Invalid".</summary>
    public string? Reason { get; }

    public static ValidationResult Allow(params string[] warnings) => new(true, warnings, null, 200, null);

    public static ValidationResult Deny(string message, int code = 403, string reason = "Forbidden", params string[] warnings) =>
        new(false, warnings, message, code, reason);

    /// <summary>Denies with every message joined, or allows when there are none — for validators that collect errors.</summary>
    public static ValidationResult FromErrors(IReadOnlyCollection<string> errors, int code = 422, string reason = "Invalid") =>
        errors.Count == 0 ? Allow() : Deny(string.Join("; ", errors), code, reason);
}
