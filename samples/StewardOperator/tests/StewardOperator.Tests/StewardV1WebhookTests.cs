namespace StewardOperator.Tests;

using StewardOperator.Api.V1;
using StewardOperator.Webhooks.V1;

public sealed class StewardV1WebhookTests
{
    private static Steward New(string image = "example.com/echo:1", int? replicas = null, string? protocol = null, int? port = null)
    {
        var s = new Steward();
        s.Metadata.Name = "echo";
        s.Spec = new StewardSpec { Image = image, Replicas = replicas, Protocol = protocol, Port = port };
        return s;
    }

    [Theory]
    [InlineData(null, 50051, "grpc")]
    [InlineData("thrift", 9090, "thrift")]
    [InlineData("ice", 10000, "ice")]
    [InlineData("iiop", 2809, "iiop")]
    public async Task Defaulting_fills_replicas_protocol_and_the_protocols_port(string? protocol, int port, string expectedProtocol)
    {
        var obj = New(protocol: protocol);
        await new StewardCustomDefaulter().DefaultAsync(obj, TestContext.Current.CancellationToken);
        Assert.Equal((1, expectedProtocol, port), (obj.Spec.Replicas!.Value, obj.Spec.Protocol, obj.Spec.Port!.Value));
    }

    [Fact]
    public async Task Defaulting_keeps_what_is_given()
    {
        var obj = New(replicas: 0, protocol: "ice", port: 4061);
        await new StewardCustomDefaulter().DefaultAsync(obj, TestContext.Current.CancellationToken);
        Assert.Equal((0, "ice", 4061), (obj.Spec.Replicas!.Value, obj.Spec.Protocol, obj.Spec.Port!.Value));
    }

    [Fact]
    public async Task A_valid_object_is_allowed()
    {
        var result = await new StewardCustomValidator().ValidateCreateAsync(New(replicas: 100, protocol: "grpc", port: 65535), TestContext.Current.CancellationToken);
        Assert.True(result.Allowed, result.Message);
    }

    [Theory]
    [InlineData(101, 80, "grpc", "spec.replicas: Invalid value: 101: must be between 0 and 100")]
    [InlineData(-1, 80, "grpc", "spec.replicas: Invalid value: -1: must be between 0 and 100")]
    [InlineData(1, 0, "grpc", "spec.port: Invalid value: 0: must be between 1 and 65535")]
    [InlineData(1, 65536, "grpc", "spec.port: Invalid value: 65536: must be between 1 and 65535")]
    [InlineData(1, 80, "soap", "spec.protocol: Unsupported value: \"soap\": supported values: \"grpc\", \"thrift\", \"ice\", \"iiop\"")]
    public async Task Out_of_range_values_are_denied_with_the_field_and_rule(int replicas, int port, string protocol, string message)
    {
        var result = await new StewardCustomValidator().ValidateCreateAsync(New(replicas: replicas, protocol: protocol, port: port), TestContext.Current.CancellationToken);
        Assert.False(result.Allowed);
        Assert.Equal(422, result.Code);
        Assert.Equal(message, result.Message);
    }

    [Fact]
    public async Task A_change_of_protocol_is_denied_but_other_changes_are_not()
    {
        var validator = new StewardCustomValidator();
        var denied = await validator.ValidateUpdateAsync(New(protocol: "grpc"), New(protocol: "thrift"), TestContext.Current.CancellationToken);
        Assert.False(denied.Allowed);
        Assert.Equal("spec.protocol: Invalid value: \"thrift\": field is immutable (it was \"grpc\"); create a new Steward to change protocol", denied.Message);

        var allowed = await validator.ValidateUpdateAsync(New(protocol: "grpc", replicas: 1), New(protocol: "grpc", replicas: 5), TestContext.Current.CancellationToken);
        Assert.True(allowed.Allowed, allowed.Message);
        var implicitGrpc = await validator.ValidateUpdateAsync(New(protocol: null), New(protocol: "grpc"), TestContext.Current.CancellationToken);
        Assert.True(implicitGrpc.Allowed, implicitGrpc.Message);
    }
}
