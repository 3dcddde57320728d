using k8s;
using k8s.Models;

namespace Steward.Kube.Crd.Tests;

/// <summary>
/// The rules of a structural schema (Kubernetes docs, "Specifying a structural schema") and the keywords
/// apiextensions.k8s.io/v1 refuses: every node typed unless int-or-string or preserve-unknown-fields,
/// no type/default/description/nullable/additionalProperties inside the logical junctors, metadata
/// restricted to name and generateName, and no $ref, definitions, patternProperties, uniqueItems, ….
/// </summary>
public static class StructuralSchemaChecker
{
    private static readonly HashSet<string> Types = ["object", "array", "string", "integer", "number", "boolean"];

    public static IReadOnlyList<string> Check(V1JSONSchemaProps root)
    {
        var errors = new List<string>();
        if (root.Type != "object")
        {
            errors.Add("root: type must be object");
        }

        Node(root, "", errors, isRoot: true);
        return errors;
    }

    private static void Node(V1JSONSchemaProps s, string path, List<string> errors, bool isRoot = false)
    {
        string at = path.Length == 0 ? "<root>" : path;
        bool exempt = s.XKubernetesIntOrString == true || s.XKubernetesPreserveUnknownFields == true;
        if (string.IsNullOrEmpty(s.Type) && !exempt)
        {
            errors.Add($"{at}: no type");
        }

        if (!string.IsNullOrEmpty(s.Type) && !Types.Contains(s.Type))
        {
            errors.Add($"{at}: unknown type {s.Type}");
        }

        if (s.RefProperty is not null)
        {
            errors.Add($"{at}: $ref is forbidden");
        }

        if (s.Schema is not null)
        {
            errors.Add($"{at}: $schema is forbidden");
        }

        if (s.Id is not null)
        {
            errors.Add($"{at}: id is forbidden");
        }

        if (s.Definitions is not null)
        {
            errors.Add($"{at}: definitions are forbidden");
        }

        if (s.PatternProperties is not null)
        {
            errors.Add($"{at}: patternProperties are forbidden");
        }

        if (s.Dependencies is not null)
        {
            errors.Add($"{at}: dependencies are forbidden");
        }

        if (s.AdditionalItems is not null)
        {
            errors.Add($"{at}: additionalItems is forbidden");
        }

        if (s.UniqueItems == true)
        {
            errors.Add($"{at}: uniqueItems: true is forbidden");
        }

        if (s.XKubernetesPreserveUnknownFields == false)
        {
            errors.Add($"{at}: x-kubernetes-preserve-unknown-fields must be true if set");
        }

        if (s.Properties is not null && s.AdditionalProperties is not null)
        {
            errors.Add($"{at}: properties and additionalProperties together");
        }

        if (s.Type == "array" && s.Items is null)
        {
            errors.Add($"{at}: array without items");
        }

        if (s.Type != "array" && s.Items is not null)
        {
            errors.Add($"{at}: items on a non-array");
        }

        if (s.Type is "string" or "integer" or "number" or "boolean" && (s.Properties is not null || s.AdditionalProperties is not null))
        {
            errors.Add($"{at}: properties on a scalar");
        }

        if (s.Required is not null && s.Properties is not null)
        {
            foreach (var r in s.Required.Where(r => !s.Properties.ContainsKey(r)))
            {
                errors.Add($"{at}: required {r} is not a property");
            }
        }

        foreach (var junctor in (s.AllOf ?? []).Concat(s.AnyOf ?? []).Concat(s.OneOf ?? []).Concat(s.Not is null ? [] : [s.Not]))
        {
            Junctor(junctor, at, errors);
        }

        if (s.Properties is not null)
        {
            foreach (var (name, child) in s.Properties)
            {
                if (isRoot && name == "metadata")
                {
                    Metadata(child, errors);
                }
                else
                {
                    Node(child, path + "." + name, errors);
                }
            }
        }
        if (s.AdditionalProperties is not null and not bool)
        {
            Node(AsSchema(s.AdditionalProperties), path + "{}", errors);
        }

        if (s.Items is not null)
        {
            Node(AsSchema(s.Items), path + "[]", errors);
        }
    }

    /// <summary>
    /// items and additionalProperties are typed object in KubernetesClient (they may be a bool or a list):
    /// read back from YAML they are plain dictionaries, so go through YAML again to get a schema node.
    /// </summary>
    public static V1JSONSchemaProps AsSchema(object node) =>
        node as V1JSONSchemaProps ?? KubernetesYaml.Deserialize<V1JSONSchemaProps>(KubernetesYaml.Serialize(node));

    private static void Junctor(V1JSONSchemaProps j, string at, List<string> errors)
    {
        if (j.Type is not null || j.DefaultProperty is not null || j.Description is not null || j.Nullable is not null || j.AdditionalProperties is not null)
        {
            errors.Add($"{at}: type/default/description/nullable/additionalProperties inside allOf/anyOf/oneOf/not");
        }
    }

    private static void Metadata(V1JSONSchemaProps m, List<string> errors)
    {
        if (m.Type != "object")
        {
            errors.Add(".metadata: type must be object");
        }

        foreach (var (name, _) in m.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            if (name is not ("name" or "generateName"))
            {
                errors.Add($".metadata: only name and generateName may be restricted, not {name}");
            }
        }

        if (m.AdditionalProperties is not null || m.Required is not null || m.XKubernetesPreserveUnknownFields is not null)
        {
            errors.Add(".metadata: only name and generateName may be restricted");
        }
    }
}
