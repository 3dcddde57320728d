using System.Net;
using System.Text.Json.Nodes;

namespace Steward.Kube.Webhooks.Tests;

public sealed class BadInputTests
{
    private static readonly GroupVersionKind DeploymentKind = new("apps", "v1", "Deployment");

    private static Task<TlsWebhookHost> Host() => TlsWebhookHost.StartAsync(new WebhookRegistry()
        .AddDefaulter(DeploymentKind, new DeploymentDefaulter())
        .AddValidator(DeploymentKind, new DeploymentValidator())
        .AddConversion<WidgetV2>().Spoke<WidgetV1>().Registry());

    [Theory]
    [InlineData("{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": ")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task Malformed_JSON_gets_400_with_a_message(string body)
    {
        await using var host = await Host();
        var (status, text) = await host.PostAsync("/mutate-apps-v1-deployment", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("the body is not valid JSON", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_review_of_the_wrong_apiVersion_gets_400()
    {
        await using var host = await Host();
        var review = Reviews.Admission("CREATE", Reviews.Deployment(), null);
        review["apiVersion"] = "admission.k8s.io/v1beta1";
        var (status, text) = await host.PostAsync("/validate-apps-v1-deployment", review.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("expected a admission.k8s.io/v1 AdmissionReview, got apiVersion \"admission.k8s.io/v1beta1\" kind \"AdmissionReview\"", text);
    }

    [Fact]
    public async Task A_ConversionReview_sent_to_an_admission_path_gets_400()
    {
        await using var host = await Host();
        var (status, text) = await host.PostAsync("/mutate-apps-v1-deployment", ConversionTests.Review("test.crd.fp.net/v2", new JsonObject()).ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("ConversionReview", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_review_without_uid_gets_400()
    {
        await using var host = await Host();
        var review = Reviews.Admission("CREATE", Reviews.Deployment(), null);
        review["request"]!.AsObject().Remove("uid");
        var (status, text) = await host.PostAsync("/mutate-apps-v1-deployment", review.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("request.uid is missing or not a string", text);
    }

    [Fact]
    public async Task A_request_for_another_kind_is_denied_with_400()
    {
        await using var host = await Host();
        var pod = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = new JsonObject { ["name"] = "p" } };
        var response = (await host.ReviewAsync("/mutate-apps-v1-deployment", Reviews.Admission("CREATE", pod, null, "", "v1", "Pod", "pods")))["response"]!;
        Assert.Equal("705ab4f5-6393-11e8-b7cc-42010a800002", (string?)response["uid"]);
        Assert.False((bool)response["allowed"]!);
        Assert.Equal(400, (int)response["status"]!["code"]!);
        Assert.Equal("this webhook admits apps/v1, Kind=Deployment, not v1, Kind=Pod", (string?)response["status"]!["message"]);
    }

    [Fact]
    public async Task An_object_of_the_wrong_kind_inside_a_matching_request_is_denied()
    {
        await using var host = await Host();
        var pod = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = new JsonObject { ["name"] = "p" } };
        var response = (await host.ReviewAsync("/validate-apps-v1-deployment", Reviews.Admission("CREATE", pod, null)))["response"]!;
        Assert.False((bool)response["allowed"]!);
        Assert.Equal(400, (int)response["status"]!["code"]!);
        Assert.Equal("request.object is apiVersion \"v1\" kind \"Pod\", this webhook admits apps/v1 Deployment", (string?)response["status"]!["message"]);
    }

    [Fact]
    public async Task An_object_whose_fields_have_the_wrong_JSON_types_is_denied()
    {
        await using var host = await Host();
        var bad = Reviews.Deployment();
        bad["spec"]!["replicas"] = "three";
        var response = (await host.ReviewAsync("/mutate-apps-v1-deployment", Reviews.Admission("CREATE", bad, null)))["response"]!;
        Assert.False((bool)response["allowed"]!);
        Assert.Equal(400, (int)response["status"]!["code"]!);
        Assert.StartsWith("request.object is not a valid Deployment", (string?)response["status"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_without_oldObject_is_denied()
    {
        await using var host = await Host();
        var response = (await host.ReviewAsync("/validate-apps-v1-deployment", Reviews.Admission("UPDATE", Reviews.Deployment(), null)))["response"]!;
        Assert.False((bool)response["allowed"]!);
        Assert.Equal("request.oldObject is missing", (string?)response["status"]!["message"]);
    }

    [Fact]
    public async Task An_unknown_path_gets_404()
    {
        await using var host = await Host();
        var (status, _) = await host.PostAsync("/mutate-apps-v1-statefulset", "{}");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413()
    {
        await using var host = await Host();
        using var client = host.NewClient();
        // Expect: 100-continue lets the server refuse on Content-Length before the client uploads it all.
        client.DefaultRequestHeaders.ExpectContinue = true;
        using var content = new ByteArrayContent(new byte[WebhookRegistry.MaxBodyBytes + 1]);
        using var response = await client.PostAsync("/mutate-apps-v1-deployment", content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Deeply_nested_JSON_gets_400_not_a_stack_overflow()
    {
        await using var host = await Host();
        var (status, _) = await host.PostAsync("/mutate-apps-v1-deployment", new string('[', 100_000) + new string(']', 100_000));
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }
}
