namespace Steward.Kube.Crd;

// Field-level markers: each becomes one OpenAPI v3 keyword on the property's schema
// (or on its items, for the *Items markers on a list).

/// <summary>+kubebuilder:validation:Minimum (with <see cref="Exclusive"/>, ExclusiveMinimum).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinimumAttribute(double value) : Attribute
{
    public double Value { get; } = value;
    public bool Exclusive { get; init; }
}

/// <summary>+kubebuilder:validation:Maximum (with <see cref="Exclusive"/>, ExclusiveMaximum).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaximumAttribute(double value) : Attribute
{
    public double Value { get; } = value;
    public bool Exclusive { get; init; }
}

/// <summary>minimum + exclusiveMinimum: the value must be greater than <see cref="Value"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ExclusiveMinimumAttribute(double value) : Attribute
{
    public double Value { get; } = value;
}

/// <summary>maximum + exclusiveMaximum: the value must be less than <see cref="Value"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ExclusiveMaximumAttribute(double value) : Attribute
{
    public double Value { get; } = value;
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class MultipleOfAttribute(double value) : Attribute
{
    public double Value { get; } = value;
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class MinLengthAttribute(long value) : Attribute
{
    public long Value { get; } = value;
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxLengthAttribute(long value) : Attribute
{
    public long Value { get; } = value;
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class MinItemsAttribute(long value) : Attribute
{
    public long Value { get; } = value;
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxItemsAttribute(long value) : Attribute
{
    public long Value { get; } = value;
}

/// <summary>
/// +kubebuilder:validation:UniqueItems. apiextensions.k8s.io/v1 forbids <c>uniqueItems: true</c> (quadratic to check),
/// so this becomes <c>x-kubernetes-list-type: set</c>, which the API server enforces instead.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class UniqueItemsAttribute : Attribute;

/// <summary>+listType=atomic|set|map (with <see cref="MapKeys"/> for map).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListTypeAttribute(string type) : Attribute
{
    public string Type { get; } = type;
    public string[] MapKeys { get; init; } = [];
}

/// <summary>+kubebuilder:validation:Pattern (ECMA 262 regular expression).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string regex) : Attribute
{
    public string Regex { get; } = regex;
}

/// <summary>+kubebuilder:validation:Enum. C# enums get their members without this.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EnumAttribute(params object[] values) : Attribute
{
    public IReadOnlyList<object> Values { get; } = values;
}

/// <summary>+kubebuilder:validation:Format (date-time, int32, byte, uri, email, hostname, ipv4, …).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FormatAttribute(string format) : Attribute
{
    public string Format { get; } = format;
}

/// <summary>+kubebuilder:default — the API server fills the value in when it is absent.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultAttribute(object value) : Attribute
{
    public object Value { get; } = value;
}

/// <summary>+kubebuilder:validation:Required</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;

/// <summary>+optional — not required even if the C# type is a non-nullable reference.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OptionalAttribute : Attribute;

/// <summary>+nullable — null is accepted (and kept) rather than pruned.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NullableAttribute : Attribute;

/// <summary>+kubebuilder:pruning:PreserveUnknownFields — fields not in the schema are kept.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class PreserveUnknownFieldsAttribute : Attribute;

/// <summary>+kubebuilder:validation:EmbeddedResource — the field holds a whole object (apiVersion, kind, metadata).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EmbeddedResourceAttribute : Attribute;

/// <summary>+kubebuilder:validation:XValidation — a CEL rule the API server evaluates.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, AllowMultiple = true)]
public sealed class XValidationAttribute(string rule) : Attribute
{
    public string Rule { get; } = rule;
    public string? Message { get; init; }
}
