using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using Steward.Kube.Webhooks.Json;

namespace Steward.Kube.Webhooks.Tests;

public sealed class AdmissionOverTlsTests
{
    private static readonly GroupVersionKind DeploymentKind = new("apps", "v1", "Deployment");

    private static WebhookRegistry Registry() => new WebhookRegistry()
        .AddDefaulter(DeploymentKind, new DeploymentDefaulter())
        .AddValidator(DeploymentKind, new DeploymentValidator());

    [Fact]
    public void Paths_are_the_ones_kubebuilder_generates()
    {
        Assert.Equal("/mutate-apps-v1-deployment", WebhookPaths.Mutate(DeploymentKind));
        Assert.Equal("/validate-oam-crd-fp-net-v1-steward", WebhookPaths.Validate(new("oam.crd.fp.net", "v1", "Steward")));
        Assert.Equal("/convert", WebhookPaths.Convert);
    }

    [Fact]
    public async Task Defaulting_answers_with_a_base64_JSONPatch_that_yields_the_defaulted_object()
    {
        await using var host = await TlsWebhookHost.StartAsync(Registry());
        var original = Reviews.Deployment();
        var reply = await host.ReviewAsync("/mutate-apps-v1-deployment", Reviews.Admission("CREATE", original, null));

        Assert.Equal("admission.k8s.io/v1", (string?)reply["apiVersion"]);
        Assert.Equal("AdmissionReview", (string?)reply["kind"]);
        var response = reply["response"]!.AsObject();
        Assert.Equal("705ab4f5-6393-11e8-b7cc-42010a800002", (string?)response["uid"]);
        Assert.True((bool)response["allowed"]!);
        Assert.Equal("JSONPatch", (string?)response["patchType"]);

        var patch = JsonPatch.Parse(Encoding.UTF8.GetString(Convert.FromBase64String((string)response["patch"]!)));
        var patched = JsonPatch.Apply(original, patch)!;

        var expected = Reviews.Deployment(replicas: 1);
        expected["metadata"]!["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "steward" };
        expected["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"] = "IfNotPresent";
        Assert.True(JsonNode.DeepEquals(expected, patched), $"patched object differs:\n{patched.ToJsonString()}");
    }

    [Fact]
    public async Task Defaulting_an_object_that_needs_nothing_sends_no_patch()
    {
        await using var host = await TlsWebhookHost.StartAsync(Registry());
        var full = Reviews.Deployment(replicas: 3);
        full["metadata"]!["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "me" };
        full["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"] = "Always";
        var response = (await host.ReviewAsync("/mutate-apps-v1-deployment", Reviews.Admission("UPDATE", full, Reviews.Deployment(3))))["response"]!;
        Assert.True((bool)response["allowed"]!);
        Assert.Null(response["patch"]);
        Assert.Null(response["patchType"]);
    }

    [Fact]
    public async Task Defaulting_keeps_fields_the_CSharp_type_does_not_know()
    {
        await using var host = await TlsWebhookHost.StartAsync(Registry());
        var original = Reviews.Deployment();
        original["spec"]!["futureField"] = new JsonObject { ["x"] = 1 };
        var response = (await host.ReviewAsync("/mutate-apps-v1-deployment", Reviews.Admission("CREATE", original, null)))["response"]!;
        var patched = JsonPatch.Apply(original, JsonPatch.Parse(Encoding.UTF8.GetString(Convert.FromBase64String((string)response["patch"]!))))!;
        Assert.Equal(1, (int)patched["spec"]!["futureField"]!["x"]!);
        Assert.Equal(1, (int)patched["spec"]!["replicas"]!);
    }

    [Fact]
    public async Task Validation_denial_carries_the_code_and_message()
    {
        await using var host = await TlsWebhookHost.StartAsync(Registry());
        var response = (await host.ReviewAsync("/validate-apps-v1-deployment", Reviews.Admission("CREATE", Reviews.Deployment(replicas: 11), null)))["response"]!;
        Assert.Equal("705ab4f5-6393-11e8-b7cc-42010a800002", (string?)response["uid"]);
        Assert.False((bool)response["allowed"]!);
        Assert.Equal(422, (int)response["status"]!["code"]!);
        Assert.Equal("Invalid", (string?)response["status"]!["reason"]);
        Assert.Equal("spec.replicas: 11 is more than 10", (string?)response["status"]!["message"]);
    }

    [Fact]
    public async Task Validation_allows_with_warnings()
    {
        await using var host = await TlsWebhookHost.StartAsync(Registry());
        var response = (await host.ReviewAsync("/validate-apps-v1-deployment", Reviews.Admission("CREATE", Reviews.Deployment(replicas: 0), null)))["response"]!;
        Assert.True((bool)response["allowed"]!);
        Assert.Equal("spec.replicas is 0: nothing will run", (string?)response["warnings"]![0]);
    }

    [Fact]
    public async Task Update_validation_sees_old_and_new_objects()
    {
        await using var host = await TlsWebhookHost.StartAsync(Registry());
        var denied = (await host.ReviewAsync("/validate-apps-v1-deployment",
            Reviews.Admission("UPDATE", Reviews.Deployment(2, app: "api"), Reviews.Deployment(2, app: "web"))))["response"]!;
        Assert.False((bool)denied["allowed"]!);
        Assert.Equal(403, (int)denied["status"]!["code"]!);
        Assert.Equal("spec.selector is immutable", (string?)denied["status"]!["message"]);

        var allowed = (await host.ReviewAsync("/validate-apps-v1-deployment",
            Reviews.Admission("UPDATE", Reviews.Deployment(5), Reviews.Deployment(2))))["response"]!;
        Assert.True((bool)allowed["allowed"]!);
    }

    [Fact]
    public async Task Delete_validation_reads_oldObject()
    {
        await using var host = await TlsWebhookHost.StartAsync(Registry());
        var response = (await host.ReviewAsync("/validate-apps-v1-deployment",
            Reviews.Admission("DELETE", null, Reviews.Deployment(1, withLabels: true))))["response"]!;
        Assert.False((bool)response["allowed"]!);
        Assert.Equal("my-deployment is protected", (string?)response["status"]!["message"]);
    }

    [Fact]
    public async Task A_failing_defaulter_denies_with_500_and_the_server_keeps_serving()
    {
        var registry = new WebhookRegistry().AddDefaulter(new ThrowingDefaulter()).AddDefaulter(DeploymentKind, new DeploymentDefaulter());
        await using var host = await TlsWebhookHost.StartAsync(registry);
        var widget = new JsonObject { ["apiVersion"] = "test.crd.fp.net/v1", ["kind"] = "Widget", ["metadata"] = new JsonObject { ["name"] = "w" } };
        var response = (await host.ReviewAsync("/mutate-test-crd-fp-net-v1-widget",
            Reviews.Admission("CREATE", widget, null, "test.crd.fp.net", "v1", "Widget", "widgets")))["response"]!;
        Assert.False((bool)response["allowed"]!);
        Assert.Equal(500, (int)response["status"]!["code"]!);
        Assert.Contains("boom", (string?)response["status"]!["message"], StringComparison.Ordinal);

        var next = (await host.ReviewAsync("/mutate-apps-v1-deployment", Reviews.Admission("CREATE", Reviews.Deployment(), null)))["response"]!;
        Assert.True((bool)next["allowed"]!);
    }

    [Fact]
    public void Deployment_model_names_the_kind_the_registry_would_read()
    {
        Assert.Equal(DeploymentKind, GroupVersionKind.Of(typeof(V1Deployment)));
    }
}
