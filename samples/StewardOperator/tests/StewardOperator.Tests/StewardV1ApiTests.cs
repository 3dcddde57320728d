using Steward.Kube.Crd.Schema;

namespace StewardOperator.Tests;

using StewardOperator.Api.V1;

public sealed class StewardV1ApiTests
{
    [Fact]
    public void The_CRD_is_generated_from_the_type()
    {
        var crd = CrdGenerator.Generate([typeof(Steward)]).Single();
        Assert.Equal("stewards.oam.crd.fp.net", crd.Metadata.Name);
        var version = Assert.Single(crd.Spec.Versions);
        Assert.Equal("v1", version.Name);
        Assert.NotNull(version.Subresources?.Status);
        Assert.Equal("object", version.Schema.OpenAPIV3Schema.Properties["spec"].Type);
    }

    [Fact]
    public void A_new_object_carries_its_apiVersion_and_kind()
    {
        var obj = new Steward();
        Assert.Equal("oam.crd.fp.net/v1", obj.ApiVersion);
        Assert.Equal("Steward", obj.Kind);
    }
}
