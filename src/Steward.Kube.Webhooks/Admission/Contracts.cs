namespace Steward.Kube.Webhooks.Admission;

/// <summary>Fills in defaults on an object before it is stored; the change becomes the response's JSON patch.</summary>
public interface ICustomDefaulter<in T> where T : class
{
    /// <summary>Sets the defaults on <paramref name="obj"/> in place; the webhook diffs it against what arrived.</summary>
    ValueTask DefaultAsync(T obj, CancellationToken cancellationToken);
}

/// <summary>Accepts or denies creates, updates and deletes of one kind.</summary>
public interface ICustomValidator<in T> where T : class
{
    /// <summary>Decides whether <paramref name="obj"/> may be created.</summary>
    ValueTask<ValidationResult> ValidateCreateAsync(T obj, CancellationToken cancellationToken);

    /// <summary>Decides whether <paramref name="oldObj"/> may become <paramref name="newObj"/>.</summary>
    ValueTask<ValidationResult> ValidateUpdateAsync(T oldObj, T newObj, CancellationToken cancellationToken);

    /// <summary>Decides whether <paramref name="obj"/> may be deleted.</summary>
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

    /// <summary>Whether the request is admitted.</summary>
    public bool Allowed { get; }
    /// <summary>Warnings returned to the client either way (kubectl prints them).</summary>
    public IReadOnlyList<string> Warnings { get; }
    /// <summary>Why the request was denied; null when it is allowed.</summary>
    public string? Message { get; }

    /// <summary>HTTP status code put in the response's status when denied (403 unless said otherwise).</summary>
    public int Code { get; }

    /// <summary>metav1.StatusReason when denied, e.g. "Forbidden" or "Invalid".</summary>
    public string? Reason { get; }

    /// <summary>Admits the request, with optional warnings.</summary>
    public static ValidationResult Allow(params string[] warnings) => new(true, warnings, null, 200, null);

    /// <summary>Refuses the request with <paramref name="message"/>, as a 403 Forbidden unless told otherwise.</summary>
    public static ValidationResult Deny(string message, int code = 403, string reason = "Forbidden", params string[] warnings) =>
        new(false, warnings, message, code, reason);

    /// <summary>Denies with every message joined, or allows when there are none — for validators that collect errors.</summary>
    public static ValidationResult FromErrors(IReadOnlyCollection<string> errors, int code = 422, string reason = "Invalid") =>
        errors.Count == 0 ? Allow() : Deny(string.Join("; ", errors), code, reason);
}
