using k8s;
using k8s.Models;
using Steward.Kube.Crd.Manifests;
using Steward.Kube.Crd.Schema;

namespace Steward.Kube.Crd.Tests;

public sealed class CrdGeneratorTests
{
    /// <summary>Generates, writes YAML and reads it back with KubernetesClient — what the API server would get.</summary>
    private static V1CustomResourceDefinition RoundTrip(params Type[] types)
    {
        var crd = CrdGenerator.Generate(types, new WebhookServiceReference("webhook-service", "system")).Single();
        string yaml = new ManifestFile("x.yaml", [crd]).ToYaml();
        return KubernetesYaml.Deserialize<V1CustomResourceDefinition>(yaml);
    }

    private static V1JSONSchemaProps Spec(V1CustomResourceDefinition crd) => crd.Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["spec"];

    [Fact]
    public void Generated_YAML_is_a_CRD_with_a_structural_schema()
    {
        var crd = RoundTrip(typeof(Gadget));
        Assert.Equal("apiextensions.k8s.io/v1", crd.ApiVersion);
        Assert.Equal("CustomResourceDefinition", crd.Kind);
        Assert.Equal("gadgets.test.crd.fp.net", crd.Metadata.Name);
        Assert.Empty(StructuralSchemaChecker.Check(crd.Spec.Versions[0].Schema.OpenAPIV3Schema));
    }

    [Fact]
    public void The_checker_catches_what_is_not_structural()
    {
        var bad = new V1JSONSchemaProps
        {
            Type = "object",
            Properties = new Dictionary<string, V1JSONSchemaProps>
            {
                ["metadata"] = new() { Type = "object", Properties = new Dictionary<string, V1JSONSchemaProps> { ["labels"] = new() { Type = "object" } } },
                ["untyped"] = new(),
                ["list"] = new() { Type = "array", UniqueItems = true, Items = new V1JSONSchemaProps() },
                ["junct"] = new() { Type = "string", AnyOf = [new V1JSONSchemaProps { Type = "integer" }] },
            },
        };
        var errors = StructuralSchemaChecker.Check(bad);
        Assert.Contains(".metadata: only name and generateName may be restricted, not labels", errors);
        Assert.Contains(".untyped: no type", errors);
        Assert.Contains(".list: uniqueItems: true is forbidden", errors);
        Assert.Contains(".list[]: no type", errors);
        Assert.Contains(".junct: type/default/description/nullable/additionalProperties inside allOf/anyOf/oneOf/not", errors);
    }

    [Fact]
    public void Names_scope_short_names_and_categories_come_from_the_markers()
    {
        var crd = RoundTrip(typeof(Gadget));
        Assert.Equal("test.crd.fp.net", crd.Spec.Group);
        Assert.Equal("Namespaced", crd.Spec.Scope);
        Assert.Equal("Gadget", crd.Spec.Names.Kind);
        Assert.Equal("GadgetList", crd.Spec.Names.ListKind);
        Assert.Equal("gadgets", crd.Spec.Names.Plural);
        Assert.Equal("gadget", crd.Spec.Names.Singular);
        Assert.Equal(["gd", "gdg"], crd.Spec.Names.ShortNames);
        Assert.Equal(["all", "fp"], crd.Spec.Names.Categories);
    }

    [Fact]
    public void Subresources_and_print_columns_are_declared()
    {
        var version = RoundTrip(typeof(Gadget)).Spec.Versions.Single();
        Assert.True(version.Served);
        Assert.True(version.Storage);
        Assert.NotNull(version.Subresources.Status);
        Assert.Equal(".spec.replicas", version.Subresources.Scale.SpecReplicasPath);
        Assert.Equal(".status.replicas", version.Subresources.Scale.StatusReplicasPath);
        Assert.Equal(".status.selector", version.Subresources.Scale.LabelSelectorPath);
        Assert.Equal(["Image", "Replicas", "Age"], version.AdditionalPrinterColumns.Select(c => c.Name));
        Assert.Equal("integer", version.AdditionalPrinterColumns[1].Type);
        Assert.Equal(".metadata.creationTimestamp", version.AdditionalPrinterColumns[2].JsonPath);
        Assert.Equal(1, version.AdditionalPrinterColumns[2].Priority);
    }

    [Fact]
    public void Root_has_apiVersion_kind_and_an_unrestricted_metadata()
    {
        var root = RoundTrip(typeof(Gadget)).Spec.Versions[0].Schema.OpenAPIV3Schema;
        Assert.Equal("Gadget is the test kind with every marker.", root.Description);
        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "status"], root.Properties.Keys);
        Assert.Equal("object", root.Properties["metadata"].Type);
        Assert.Null(root.Properties["metadata"].Properties);
        Assert.Equal(["spec"], root.Required);
    }

    [Fact]
    public void Numeric_markers_become_bounds()
    {
        var spec = Spec(RoundTrip(typeof(Gadget)));
        var replicas = spec.Properties["replicas"];
        Assert.Equal("integer", replicas.Type);
        Assert.Equal("int32", replicas.Format);
        Assert.Equal(0, replicas.Minimum);
        Assert.Equal(100, replicas.Maximum);
        Assert.Null(replicas.ExclusiveMinimum);
        Assert.Equal(1L, Convert.ToInt64(replicas.DefaultProperty, System.Globalization.CultureInfo.InvariantCulture));

        var ratio = spec.Properties["ratio"];
        Assert.Equal("number", ratio.Type);
        Assert.Equal((0d, true, 1d, true), (ratio.Minimum!.Value, ratio.ExclusiveMinimum!.Value, ratio.Maximum!.Value, ratio.ExclusiveMaximum!.Value));
        var step = spec.Properties["step"];
        Assert.True(step.ExclusiveMinimum);
        Assert.Equal(0.5, step.MultipleOf);
        Assert.Equal("int64", spec.Properties["weight"].Format);
    }

    [Fact]
    public void String_markers_become_length_pattern_enum_format_and_default()
    {
        var spec = Spec(RoundTrip(typeof(Gadget)));
        var image = spec.Properties["image"];
        Assert.Equal(("string", 1L, 255L, "^[a-z0-9./:-]+$"), (image.Type, image.MinLength!.Value, image.MaxLength!.Value, image.Pattern));
        Assert.Equal("The image to run.", image.Description);
        Assert.Equal(["grpc", "thrift", "ice", "iiop"], spec.Properties["protocol"].EnumProperty.Select(e => e.ToString()));
        Assert.Equal("grpc", spec.Properties["protocol"].DefaultProperty?.ToString());
        Assert.Equal(["gold", "silver"], spec.Properties["tier"].EnumProperty.Select(e => e.ToString()));
        Assert.Equal("date-time", spec.Properties["notBefore"].Format);
    }

    [Fact]
    public void List_markers_become_item_bounds_and_list_types()
    {
        var spec = Spec(RoundTrip(typeof(Gadget)));
        var hosts = spec.Properties["hosts"];
        Assert.Equal(("array", "string", 1L, 8L, "set"), (hosts.Type, StructuralSchemaChecker.AsSchema(hosts.Items).Type, hosts.MinItems!.Value, hosts.MaxItems!.Value, hosts.XKubernetesListType));
        Assert.Null(hosts.UniqueItems);
        var ports = StructuralSchemaChecker.AsSchema(spec.Properties["ports"].Items);
        Assert.Equal((1d, 65535d), (ports.Minimum!.Value, ports.Maximum!.Value));
        var named = spec.Properties["namedPorts"];
        Assert.Equal("map", named.XKubernetesListType);
        Assert.Equal(["name"], named.XKubernetesListMapKeys);
    }

    [Fact]
    public void Maps_unknown_fields_int_or_string_nullable_and_CEL_rules()
    {
        var spec = Spec(RoundTrip(typeof(Gadget)));
        Assert.Equal("string", StructuralSchemaChecker.AsSchema(spec.Properties["selector"].AdditionalProperties).Type);
        Assert.True(spec.Properties["note"].Nullable);
        Assert.True(spec.Properties["extra"].XKubernetesPreserveUnknownFields);
        Assert.True(spec.Properties["targetPort"].XKubernetesIntOrString);
        Assert.True(spec.Properties["memory_limit"].XKubernetesIntOrString);
        Assert.True(spec.Properties["template"].XKubernetesEmbeddedResource);
        var rule = Assert.Single(spec.Properties["bounds"].XKubernetesValidations);
        Assert.Equal(("self.minReplicas <= self.maxReplicas", "minReplicas must not exceed maxReplicas"), (rule.Rule, rule.Message));
        Assert.DoesNotContain("ignored", spec.Properties.Keys);
    }

    [Fact]
    public void Required_lists_non_nullable_references_and_Required_but_not_Optional_or_defaulted()
    {
        var spec = Spec(RoundTrip(typeof(Gadget)));
        Assert.Equal(["image", "weight"], spec.Required.Order(StringComparer.Ordinal));
        var status = RoundTrip(typeof(Gadget)).Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["status"];
        Assert.Null(status.Required);
        var condition = StructuralSchemaChecker.AsSchema(status.Properties["conditions"].Items);
        Assert.Equal("date-time", condition.Properties["lastTransitionTime"].Format);
    }

    [Fact]
    public void Several_versions_make_one_CRD_with_one_storage_version_and_a_conversion_webhook()
    {
        var crd = RoundTrip(typeof(DoodadV1), typeof(DoodadV2), typeof(DoodadV1Alpha1));
        Assert.Equal("Cluster", crd.Spec.Scope);
        Assert.Equal(["v1", "v1alpha1", "v2"], crd.Spec.Versions.Select(v => v.Name));
        Assert.Equal(["v2"], crd.Spec.Versions.Where(v => v.Storage).Select(v => v.Name));
        var alpha = crd.Spec.Versions.Single(v => v.Name == "v1alpha1");
        Assert.False(alpha.Served);
        Assert.True(alpha.Deprecated);
        Assert.Equal("v1alpha1 is gone", alpha.DeprecationWarning);
        Assert.Equal("Webhook", crd.Spec.Conversion.Strategy);
        Assert.Equal(["v1"], crd.Spec.Conversion.Webhook.ConversionReviewVersions);
        var service = crd.Spec.Conversion.Webhook.ClientConfig.Service;
        Assert.Equal(("webhook-service", "system", "/convert"), (service.Name, service.NamespaceProperty, service.Path));
        foreach (var v in crd.Spec.Versions)
        {
            Assert.Empty(StructuralSchemaChecker.Check(v.Schema.OpenAPIV3Schema));
        }
    }

    [Fact]
    public void Several_versions_without_a_storage_marker_are_refused()
    {
        var e = Assert.Throws<CrdGenerationException>(() => CrdGenerator.Generate([typeof(DoodadV1), typeof(DoodadV1Alpha1)], new WebhookServiceReference("s", "n")));
        Assert.Equal("test.crd.fp.net Doodad has 2 versions; mark exactly one with [StorageVersion] (found 0)", e.Message);
    }

    [Fact]
    public void A_recursive_type_is_refused_with_its_path()
    {
        var e = Assert.Throws<CrdGenerationException>(() => CrdGenerator.Generate([typeof(Looper)]));
        Assert.Contains("Loop contains itself", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_without_KubernetesEntity_is_refused()
    {
        var e = Assert.Throws<CrdGenerationException>(() => CrdGenerator.Generate([typeof(GadgetSpec)]));
        Assert.Contains("has no [KubernetesEntity", e.Message, StringComparison.Ordinal);
    }
}
