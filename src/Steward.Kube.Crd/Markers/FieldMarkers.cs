namespace Steward.Kube.Crd;

// Field-level markers: each becomes one OpenAPI v3 keyword on the property's schema
// (or on its items, for the *Items markers on a list).

/// <summary>+kubebuilder:validation:Minimum (with <see cref="Exclusive"/>, ExclusiveMinimum).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinimumAttribute(double value) : Attribute
{
    /// <summary>The inclusive lower bound, written as the schema's <c>minimum</c>.</summary>
    public double Value { get; } = value;
    /// <summary>When true the bound itself is refused (<c>exclusiveMinimum: true</c>).</summary>
    public bool Exclusive { get; init; }
}

/// <summary>+kubebuilder:validation:Maximum (with <see cref="Exclusive"/>, ExclusiveMaximum).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaximumAttribute(double value) : Attribute
{
    /// <summary>The inclusive upper bound, written as the schema's <c>maximum</c>.</summary>
    public double Value { get; } = value;
    /// <summary>When true the bound itself is refused (<c>exclusiveMaximum: true</c>).</summary>
    public bool Exclusive { get; init; }
}

/// <summary>minimum + exclusiveMinimum: the value must be greater than <see cref="Value"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ExclusiveMinimumAttribute(double value) : Attribute
{
    /// <summary>The bound the value must exceed.</summary>
    public double Value { get; } = value;
}

/// <summary>maximum + exclusiveMaximum: the value must be less than <see cref="Value"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ExclusiveMaximumAttribute(double value) : Attribute
{
    /// <summary>The bound the value must stay under.</summary>
    public double Value { get; } = value;
}

/// <summary>+kubebuilder:validation:MultipleOf — the number must be a whole multiple of <see cref="Value"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MultipleOfAttribute(double value) : Attribute
{
    /// <summary>The divisor, written as the schema's <c>multipleOf</c>.</summary>
    public double Value { get; } = value;
}

/// <summary>+kubebuilder:validation:MinLength — the string must have at least <see cref="Value"/> characters.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinLengthAttribute(long value) : Attribute
{
    /// <summary>The least length allowed, written as <c>minLength</c>.</summary>
    public long Value { get; } = value;
}

/// <summary>+kubebuilder:validation:MaxLength — the string may have at most <see cref="Value"/> characters.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxLengthAttribute(long value) : Attribute
{
    /// <summary>The greatest length allowed, written as <c>maxLength</c>.</summary>
    public long Value { get; } = value;
}

/// <summary>+kubebuilder:validation:MinItems — the list must have at least <see cref="Value"/> items.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinItemsAttribute(long value) : Attribute
{
    /// <summary>The least number of items, written as <c>minItems</c>.</summary>
    public long Value { get; } = value;
}

/// <summary>+kubebuilder:validation:MaxItems — the list may have at most <see cref="Value"/> items.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxItemsAttribute(long value) : Attribute
{
    /// <summary>The greatest number of items, written as <c>maxItems</c>.</summary>
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
    /// <summary>atomic, set or map, written as <c>x-kubernetes-list-type</c>.</summary>
    public string Type { get; } = type;
    /// <summary>For a map list, the item fields that identify an item (<c>x-kubernetes-list-map-keys</c>).</summary>
    public string[] MapKeys { get; init; } = [];
}

/// <summary>+kubebuilder:validation:Pattern (ECMA 262 regular expression).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string regex) : Attribute
{
    /// <summary>The expression every value must match.</summary>
    public string Regex { get; } = regex;
}

/// <summary>+kubebuilder:validation:Enum. C# enums get their members without this.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EnumAttribute(params object[] values) : Attribute
{
    /// <summary>The only values allowed, in the order the schema lists them.</summary>
    public IReadOnlyList<object> Values { get; } = values;
}

/// <summary>+kubebuilder:validation:Format (date-time, int32, byte, uri, email, hostname, ipv4, …).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FormatAttribute(string format) : Attribute
{
    /// <summary>The OpenAPI format name written on the schema.</summary>
    public string Format { get; } = format;
}

/// <summary>+kubebuilder:default — the API server fills the value in when it is absent.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultAttribute(object value) : Attribute
{
    /// <summary>The default, serialized into the schema as JSON.</summary>
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
    /// <summary>The CEL expression; <c>self</c> is the value the marker is on.</summary>
    public string Rule { get; } = rule;
    /// <summary>What the API server says when the rule fails; CEL's own message when null.</summary>
    public string? Message { get; init; }
}
