using Steward.Kube.Crd;
using Steward.Kube.Webhooks.Admission;

namespace StewardOperator.Webhooks.V1;

using StewardOperator.Api.V1;

/// <summary>Fills in defaults; what it changes is sent back to the API server as a JSON patch.</summary>
[Webhook(typeof(Steward), WebhookType.Defaulting)]
public sealed class StewardCustomDefaulter : ICustomDefaulter<Steward>
{
    public ValueTask DefaultAsync(Steward obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Accepts or denies creates, updates and deletes; a denial's message is what kubectl shows.</summary>
[Webhook(typeof(Steward), WebhookType.Validating, Verbs = "create;update")]
public sealed class StewardCustomValidator : ICustomValidator<Steward>
{
    public ValueTask<ValidationResult> ValidateCreateAsync(Steward obj, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Validate(obj));

    public ValueTask<ValidationResult> ValidateUpdateAsync(Steward oldObj, Steward newObj, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Validate(newObj));

    public ValueTask<ValidationResult> ValidateDeleteAsync(Steward obj, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ValidationResult.Allow());

    private static ValidationResult Validate(Steward obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var errors = new List<string>();
        return ValidationResult.FromErrors(errors);
    }
}
