using System.Globalization;
using Steward.Kube.Crd;
using Steward.Kube.Webhooks.Admission;

namespace StewardOperator.Webhooks.V1;

using StewardOperator.Api.V1;

/// <summary>Fills replicas=1, protocol=grpc and the protocol's usual port.</summary>
[Webhook(typeof(Steward), WebhookType.Defaulting)]
public sealed class StewardCustomDefaulter : ICustomDefaulter<Steward>
{
    public ValueTask DefaultAsync(Steward obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        obj.Spec.Replicas ??= 1;
        obj.Spec.Protocol ??= StewardProtocols.Grpc;
        // An unknown protocol is left for the validator to deny with a message.
        if (obj.Spec.Port is null && StewardProtocols.All.Contains(obj.Spec.Protocol))
            obj.Spec.Port = StewardProtocols.DefaultPort(obj.Spec.Protocol);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Denies replicas outside 0..100, ports outside 1..65535, unknown protocols and a change of protocol.</summary>
[Webhook(typeof(Steward), WebhookType.Validating, Verbs = "create;update")]
public sealed class StewardCustomValidator : ICustomValidator<Steward>
{
    public ValueTask<ValidationResult> ValidateCreateAsync(Steward obj, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ValidationResult.FromErrors(Validate(obj)));

    public ValueTask<ValidationResult> ValidateUpdateAsync(Steward oldObj, Steward newObj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(oldObj);
        var errors = Validate(newObj);
        // An absent protocol means grpc (the default), so setting grpc explicitly later is not a change.
        string before = oldObj.Spec.Protocol ?? StewardProtocols.Grpc;
        string after = newObj.Spec.Protocol ?? StewardProtocols.Grpc;
        if (before != after)
            errors.Add($"spec.protocol: Invalid value: \"{after}\": field is immutable (it was \"{before}\"); create a new Steward to change protocol");
        return ValueTask.FromResult(ValidationResult.FromErrors(errors));
    }

    public ValueTask<ValidationResult> ValidateDeleteAsync(Steward obj, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ValidationResult.Allow());

    private static List<string> Validate(Steward obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var errors = new List<string>();
        var spec = obj.Spec;
        if (string.IsNullOrWhiteSpace(spec.Image))
            errors.Add("spec.image: Required value: the container image to run");
        if (spec.Replicas is { } replicas && replicas is < 0 or > 100)
            errors.Add($"spec.replicas: Invalid value: {replicas.ToString(CultureInfo.InvariantCulture)}: must be between 0 and 100");
        if (spec.Port is { } port && port is < 1 or > 65535)
            errors.Add($"spec.port: Invalid value: {port.ToString(CultureInfo.InvariantCulture)}: must be between 1 and 65535");
        if (spec.Protocol is { } protocol && !StewardProtocols.All.Contains(protocol))
            errors.Add($"spec.protocol: Unsupported value: \"{protocol}\": supported values: \"grpc\", \"thrift\", \"ice\", \"iiop\"");
        return errors;
    }
}
