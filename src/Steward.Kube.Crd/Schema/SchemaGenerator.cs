using System.Collections;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Steward.Kube.Crd.Schema;

/// <summary>A C# type that cannot be expressed as a CRD (a cycle, a missing attribute, conflicting markers).</summary>
public sealed class CrdGenerationException(string message) : Exception(message)
{
    /// <summary>Creates the exception with a generic message.</summary>
    public CrdGenerationException() : this("CRD generation failed") { }
    /// <summary>Creates the exception with <paramref name="message"/> followed by the cause's message.</summary>
    public CrdGenerationException(string message, Exception inner) : this(message + ": " + inner.Message) { }
}

/// <summary>
/// Builds a structural OpenAPI v3 schema from a C# type by reflection: every node typed (or explicitly
/// int-or-string / preserve-unknown-fields), properties for classes, items for lists, additionalProperties
/// for dictionaries, and the markers of <see cref="Steward.Kube.Crd"/> as keywords.
/// </summary>
[RequiresUnreferencedCode("Reads public properties of the resource types by reflection; run it at tool time, not in a trimmed app.")]
public sealed class SchemaGenerator
{
    private readonly NullabilityInfoContext _nullability = new();
    private readonly HashSet<Type> _inProgress = [];

    /// <summary>The schema of a whole resource: apiVersion, kind, metadata and the type's own properties.</summary>
    public V1JSONSchemaProps ForResource(Type resourceType)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        var schema = ForObject(resourceType, resourceType.FullName ?? resourceType.Name);
        schema.Properties ??= new Dictionary<string, V1JSONSchemaProps>();
        // The API server owns metadata's schema; a CRD may only say it is an object.
        schema.Properties["apiVersion"] = new V1JSONSchemaProps { Type = "string", Description = "APIVersion defines the versioned schema of this representation of an object." };
        schema.Properties["kind"] = new V1JSONSchemaProps { Type = "string", Description = "Kind is a string value representing the REST resource this object represents." };
        schema.Properties["metadata"] = new V1JSONSchemaProps { Type = "object" };
        if (schema.Required is { } required)
        {
            foreach (var name in new[] { "apiVersion", "kind", "metadata" })
            {
                required.Remove(name);
            }

            if (required.Count == 0)
            {
                schema.Required = null;
            }
        }
        schema.Properties = schema.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value);
        return schema;
    }

    private V1JSONSchemaProps ForType(Type type, string where)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string) || underlying == typeof(char))
        {
            return new() { Type = "string" };
        }

        if (underlying == typeof(bool))
        {
            return new() { Type = "boolean" };
        }

        if (underlying == typeof(int) || underlying == typeof(short) || underlying == typeof(sbyte) || underlying == typeof(byte) || underlying == typeof(ushort))
        {
            return new() { Type = "integer", Format = "int32" };
        }

        if (underlying == typeof(long) || underlying == typeof(uint) || underlying == typeof(ulong))
        {
            return new() { Type = "integer", Format = "int64" };
        }

        if (underlying == typeof(double) || underlying == typeof(float) || underlying == typeof(decimal))
        {
            return new() { Type = "number" };
        }

        if (underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset))
        {
            return new() { Type = "string", Format = "date-time" };
        }

        if (underlying == typeof(TimeSpan))
        {
            return new() { Type = "string", Format = "duration" };
        }

        if (underlying == typeof(Guid))
        {
            return new() { Type = "string", Format = "uuid" };
        }

        if (underlying == typeof(byte[]))
        {
            return new() { Type = "string", Format = "byte" };
        }

        if (underlying == typeof(IntOrString))
        {
            return new() { XKubernetesIntOrString = true };
        }

        if (underlying == typeof(ResourceQuantity))
        {
            return new() { XKubernetesIntOrString = true, Pattern = @"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$" };
        }

        if (underlying == typeof(V1ObjectMeta))
        {
            return new() { Type = "object" };
        }

        if (underlying == typeof(object) || underlying == typeof(JsonElement) || typeof(JsonNode).IsAssignableFrom(underlying))
        {
            return new() { XKubernetesPreserveUnknownFields = true };
        }

        if (underlying.IsEnum)
        {
            return new()
            {
                Type = "string",
                EnumProperty = underlying.GetFields(BindingFlags.Public | BindingFlags.Static)
                    .Select(f => (object)(f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name)).ToList(),
            };
        }
        if (DictionaryValueType(underlying) is { } valueType)
        {
            return new() { Type = "object", AdditionalProperties = ForType(valueType, where + "{}") };
        }

        if (ElementType(underlying) is { } elementType)
        {
            return new() { Type = "array", Items = ForType(elementType, where + "[]") };
        }

        if (underlying.IsPrimitive || underlying.IsPointer)
        {
            throw new CrdGenerationException($"{where}: {underlying.Name} has no OpenAPI type");
        }

        return ForObject(underlying, where);
    }

    private V1JSONSchemaProps ForObject(Type type, string where)
    {
        if (!_inProgress.Add(type))
        {
            throw new CrdGenerationException($"{where}: {type.Name} contains itself; a structural schema cannot be recursive");
        }

        try
        {
            var schema = new V1JSONSchemaProps { Type = "object", Properties = new Dictionary<string, V1JSONSchemaProps>() };
            var required = new List<string>();
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
                {
                    continue;
                }

                if (property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always })
                {
                    continue;
                }

                string name = JsonName(property);
                var propertySchema = ForProperty(property, where + "." + name);
                schema.Properties[name] = propertySchema;
                if (IsRequired(property))
                {
                    required.Add(name);
                }
            }
            // Sorted like controller-gen's output, so the YAML does not move when properties are reordered.
            schema.Properties = schema.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value);
            if (required.Count > 0)
            {
                schema.Required = required.Order(StringComparer.Ordinal).ToList();
            }

            if (type.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null)
            {
                schema.XKubernetesPreserveUnknownFields = true;
            }

            schema.Description = type.GetCustomAttribute<DescriptionAttribute>()?.Description;
            AddRules(schema, type.GetCustomAttributes<XValidationAttribute>());
            return schema;
        }
        finally
        {
            _inProgress.Remove(type);
        }
    }

    private V1JSONSchemaProps ForProperty(PropertyInfo property, string where)
    {
        var schema = ForType(property.PropertyType, where);
        schema.Description = property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? schema.Description;
        // Numeric and string markers apply to the value itself, or to the items of a list of them.
        var target = schema.Type == "array" && schema.Items is V1JSONSchemaProps items && property.GetCustomAttribute<ListTypeAttribute>() is null
            && IsScalarTarget(property) ? items : schema;

        foreach (var attribute in property.GetCustomAttributes())
        {
            switch (attribute)
            {
                case MinimumAttribute a:
                    target.Minimum = a.Value;
                    if (a.Exclusive)
                    {
                        target.ExclusiveMinimum = true;
                    }

                    break;
                case MaximumAttribute a:
                    target.Maximum = a.Value;
                    if (a.Exclusive)
                    {
                        target.ExclusiveMaximum = true;
                    }

                    break;
                case ExclusiveMinimumAttribute a:
                    target.Minimum = a.Value;
                    target.ExclusiveMinimum = true;
                    break;
                case ExclusiveMaximumAttribute a:
                    target.Maximum = a.Value;
                    target.ExclusiveMaximum = true;
                    break;
                case MultipleOfAttribute a: target.MultipleOf = a.Value; break;
                case MinLengthAttribute a: target.MinLength = a.Value; break;
                case MaxLengthAttribute a: target.MaxLength = a.Value; break;
                case PatternAttribute a: target.Pattern = a.Regex; break;
                case FormatAttribute a: target.Format = a.Format; break;
                case EnumAttribute a: target.EnumProperty = a.Values.ToList(); break;
                case MinItemsAttribute a: RequireArray(schema, a, where).MinItems = a.Value; break;
                case MaxItemsAttribute a: RequireArray(schema, a, where).MaxItems = a.Value; break;
                case UniqueItemsAttribute a: RequireArray(schema, a, where).XKubernetesListType = "set"; break;
                case ListTypeAttribute a:
                    RequireArray(schema, a, where).XKubernetesListType = a.Type;
                    if (a.MapKeys.Length > 0)
                    {
                        schema.XKubernetesListMapKeys = a.MapKeys;
                    }

                    break;
                case DefaultAttribute a: schema.DefaultProperty = a.Value; break;
                case NullableAttribute: schema.Nullable = true; break;
                case PreserveUnknownFieldsAttribute: schema.XKubernetesPreserveUnknownFields = true; break;
                case EmbeddedResourceAttribute:
                    schema.XKubernetesEmbeddedResource = true;
                    schema.Type ??= "object";
                    break;
            }
        }
        AddRules(schema, property.GetCustomAttributes<XValidationAttribute>());
        CheckDefaultMatchesType(schema, where);
        return schema;
    }

    private static bool IsScalarTarget(PropertyInfo property) =>
        property.GetCustomAttributes().Any(a => a is MinimumAttribute or MaximumAttribute or ExclusiveMinimumAttribute or ExclusiveMaximumAttribute
            or MultipleOfAttribute or MinLengthAttribute or MaxLengthAttribute or PatternAttribute or FormatAttribute or EnumAttribute);

    private static V1JSONSchemaProps RequireArray(V1JSONSchemaProps schema, Attribute marker, string where) =>
        schema.Type == "array" ? schema : throw new CrdGenerationException($"{where}: [{marker.GetType().Name.Replace("Attribute", "", StringComparison.Ordinal)}] applies to lists only");

    private static void CheckDefaultMatchesType(V1JSONSchemaProps schema, string where)
    {
        if (schema.DefaultProperty is not { } value)
        {
            return;
        }

        bool ok = schema.Type switch
        {
            "string" => value is string || value.GetType().IsEnum,
            "integer" => value is int or long or short or byte or uint or ulong or ushort or sbyte,
            "number" => value is int or long or double or float or decimal,
            "boolean" => value is bool,
            _ => true,
        };
        if (!ok)
        {
            throw new CrdGenerationException($"{where}: default {value} ({value.GetType().Name}) does not match type {schema.Type}");
        }

        if (value.GetType().IsEnum)
        {
            schema.DefaultProperty = value.ToString();
        }
        else if (value is IFormattable && schema.Type == "string")
        {
            schema.DefaultProperty = Convert.ToString(value, CultureInfo.InvariantCulture);
        }
    }

    private static void AddRules(V1JSONSchemaProps schema, IEnumerable<XValidationAttribute> rules)
    {
        var list = rules.Select(r => new V1ValidationRule { Rule = r.Rule, Message = r.Message }).ToList();
        if (list.Count > 0)
        {
            schema.XKubernetesValidations = list;
        }
    }

    private bool IsRequired(PropertyInfo property)
    {
        if (property.GetCustomAttribute<RequiredAttribute>() is not null)
        {
            return true;
        }

        if (property.GetCustomAttribute<OptionalAttribute>() is not null || property.GetCustomAttribute<DefaultAttribute>() is not null)
        {
            return false;
        }

        if (property.GetCustomAttribute<NullableAttribute>() is not null)
        {
            return false;
        }
        // Value types always serialize (zero when unset), so only a non-nullable reference says "must be given".
        if (property.PropertyType.IsValueType)
        {
            return false;
        }

        return _nullability.Create(property).ReadState == NullabilityState.NotNull;
    }

    internal static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    private static Type? DictionaryValueType(Type type)
    {
        foreach (var candidate in type.GetInterfaces().Prepend(type))
        {
            if (!candidate.IsGenericType)
            {
                continue;
            }

            var definition = candidate.GetGenericTypeDefinition();
            if ((definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>)) && candidate.GetGenericArguments()[0] == typeof(string))
            {
                return candidate.GetGenericArguments()[1];
            }
        }
        return null;
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        foreach (var candidate in type.GetInterfaces().Prepend(type))
        {
            if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                return candidate.GetGenericArguments()[0];
            }
        }

        return null;
    }
}
