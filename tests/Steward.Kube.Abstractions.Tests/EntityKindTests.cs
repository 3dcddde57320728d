using k8s.Models;

namespace Steward.Kube.Abstractions.Tests;

public sealed class EntityKindTests
{
    [KubernetesEntity(Group = "test.crd.fp.net", ApiVersion = "v1", Kind = "Gizmo", PluralName = "gizmen")]
    private sealed class NamedPlural;

    [KubernetesEntity(Group = "test.crd.fp.net", ApiVersion = "v1alpha1", Kind = "Policy")]
    private sealed class DerivedPlural;

    [KubernetesEntity(Group = "test.crd.fp.net", ApiVersion = "v1")]
    private sealed class NoKind;

    private sealed class NoAttribute;

    [Fact]
    public void The_attributes_plural_name_wins_when_set()
    {
        var kind = EntityKind.Of(typeof(NamedPlural));
        Assert.Equal(new EntityKind("test.crd.fp.net", "v1", "Gizmo", "gizmen"), kind);
        Assert.Equal("test.crd.fp.net/v1", kind.ApiVersion);
    }

    [Fact]
    public void Without_a_plural_name_the_lower_cased_kind_is_pluralized()
    {
        Assert.Equal("policies", EntityKind.Of(typeof(DerivedPlural)).Plural);
    }

    [Fact]
    public void Built_in_kinds_read_their_plural_and_core_group_from_KubernetesClient()
    {
        var pod = EntityKind.Of(typeof(V1Pod));
        Assert.Equal(new EntityKind(string.Empty, "v1", "Pod", "pods"), pod);
        Assert.Equal("v1", pod.ApiVersion);
        Assert.Equal("deployments", EntityKind.Of(typeof(V1Deployment)).Plural);
    }

    [Fact]
    public void A_type_without_the_attribute_or_a_kind_is_refused()
    {
        var missing = Assert.Throws<InvalidOperationException>(() => EntityKind.Of(typeof(NoAttribute)));
        Assert.Contains("has no [KubernetesEntity", missing.Message, StringComparison.Ordinal);
        var incomplete = Assert.Throws<InvalidOperationException>(() => EntityKind.Of(typeof(NoKind)));
        Assert.Contains("needs Kind and ApiVersion", incomplete.Message, StringComparison.Ordinal);
        Assert.False(EntityKind.TryOf(typeof(NoAttribute), out _));
        Assert.False(EntityKind.TryOf(typeof(NoKind), out _));
        Assert.True(EntityKind.TryOf(typeof(NamedPlural), out var found));
        Assert.Equal("gizmen", found.Plural);
    }

    [Theory]
    [InlineData("steward", "stewards")]
    [InlineData("policy", "policies")]
    [InlineData("gateway", "gateways")]
    [InlineData("ingress", "ingresses")]
    [InlineData("box", "boxes")]
    [InlineData("batch", "batches")]
    [InlineData("mesh", "meshes")]
    [InlineData("person", "people")]
    [InlineData("child", "children")]
    public void Plurals_follow_kubebuilder(string singular, string plural) => Assert.Equal(plural, EntityKind.Pluralize(singular));
}
