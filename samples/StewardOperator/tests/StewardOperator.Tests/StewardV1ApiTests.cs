using k8s.Models;
using Steward.Kube.Crd.Schema;

namespace StewardOperator.Tests;

using StewardOperator.Api.V1;

public sealed class StewardV1ApiTests
{
    private static V1CustomResourceDefinitionVersion Version() => CrdGenerator.Generate([typeof(Steward)]).Single().Spec.Versions.Single();

    [Fact]
    public void The_CRD_is_generated_from_the_type()
    {
        var crd = CrdGenerator.Generate([typeof(Steward)]).Single();
        Assert.Equal("stewards.oam.crd.fp.net", crd.Metadata.Name);
        Assert.Equal(["stw"], crd.Spec.Names.ShortNames);
        var version = Version();
        Assert.Equal("v1", version.Name);
        Assert.NotNull(version.Subresources.Status);
        Assert.Equal(".status.selector", version.Subresources.Scale.LabelSelectorPath);
    }

    [Fact]
    public void The_spec_schema_carries_the_bounds_the_webhook_also_enforces()
    {
        var spec = Version().Schema.OpenAPIV3Schema.Properties["spec"];
        Assert.Equal(["image"], spec.Required);
        Assert.Equal((0d, 100d), (spec.Properties["replicas"].Minimum!.Value, spec.Properties["replicas"].Maximum!.Value));
        Assert.Equal((1d, 65535d), (spec.Properties["port"].Minimum!.Value, spec.Properties["port"].Maximum!.Value));
        Assert.Equal(["grpc", "thrift", "ice", "iiop"], spec.Properties["protocol"].EnumProperty.Select(e => e.ToString()));
        Assert.Equal("self == oldSelf", spec.Properties["protocol"].XKubernetesValidations.Single().Rule);
    }

    [Theory]
    [InlineData("grpc", 50051)]
    [InlineData("thrift", 9090)]
    [InlineData("ice", 10000)]
    [InlineData("iiop", 2809)]
    public void Each_protocol_has_its_usual_port(string protocol, int port) => Assert.Equal(port, StewardProtocols.DefaultPort(protocol));

    [Fact]
    public void A_new_object_carries_its_apiVersion_and_kind()
    {
        var obj = new Steward();
        Assert.Equal("oam.crd.fp.net/v1", obj.ApiVersion);
        Assert.Equal("Steward", obj.Kind);
    }
}
