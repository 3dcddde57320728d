using k8s.Models;

namespace Steward.Kube.Abstractions.Tests;

public sealed class GroupVersionKindTests
{
    [Fact]
    public void ApiVersion_omits_the_core_group()
    {
        Assert.Equal("v1", new GroupVersionKind(string.Empty, "v1", "Pod").ApiVersion);
        Assert.Equal("apps/v1", new GroupVersionKind("apps", "v1", "Deployment").ApiVersion);
    }

    [Theory]
    [InlineData("v1", "", "v1")]
    [InlineData("apps/v1", "apps", "v1")]
    [InlineData("oam.crd.fp.net/v1", "oam.crd.fp.net", "v1")]
    public void FromApiVersion_splits_group_and_version(string apiVersion, string group, string version)
    {
        Assert.Equal(new GroupVersionKind(group, version, "X"), GroupVersionKind.FromApiVersion(apiVersion, "X"));
    }

    [Fact]
    public void Of_reads_the_same_attribute_as_EntityKind()
    {
        Assert.Equal(new GroupVersionKind("apps", "v1", "Deployment"), GroupVersionKind.Of(typeof(V1Deployment)));
    }

    [Fact]
    public void Formats_as_apimachinery_does()
    {
        Assert.Equal("apps/v1, Kind=Deployment", new GroupVersionKind("apps", "v1", "Deployment").ToString());
    }

    [Fact]
    public void Webhook_paths_follow_kubebuilder()
    {
        var gvk = new GroupVersionKind("oam.crd.fp.net", "v1", "Steward");
        Assert.Equal("/mutate-oam-crd-fp-net-v1-steward", WebhookPaths.Mutate(gvk));
        Assert.Equal("/validate-oam-crd-fp-net-v1-steward", WebhookPaths.Validate(gvk));
        Assert.Equal("/convert", WebhookPaths.Convert);
    }
}
