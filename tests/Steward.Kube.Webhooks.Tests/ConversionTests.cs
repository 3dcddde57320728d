using System.Text.Json.Nodes;

namespace Steward.Kube.Webhooks.Tests;

public sealed class ConversionTests
{
    public static JsonObject Review(string desired, params JsonObject[] objects) => new()
    {
        ["apiVersion"] = "apiextensions.k8s.io/v1",
        ["kind"] = "ConversionReview",
        ["request"] = new JsonObject
        {
            ["uid"] = "705ab4f5-6393-11e8-b7cc-42010a800002",
            ["desiredAPIVersion"] = desired,
            ["objects"] = new JsonArray(objects.Select(o => (JsonNode?)o).ToArray()),
        },
    };

    private static JsonObject WidgetV1Json(string name, string color, int size) => (JsonObject)JsonNode.Parse($$"""
        {
          "apiVersion": "test.crd.fp.net/v1",
          "kind": "Widget",
          "metadata": {
            "name": "{{name}}",
            "namespace": "default",
            "uid": "11111111-2222-3333-4444-555555555555",
            "resourceVersion": "42",
            "generation": 3,
            "creationTimestamp": "2024-01-02T03:04:05Z",
            "labels": { "tier": "gold" }
          },
          "spec": { "color": "{{color}}", "size": {{size}} }
        }
        """)!;

    private static Task<TlsWebhookHost> Host() =>
        TlsWebhookHost.StartAsync(new WebhookRegistry().AddConversion<WidgetV2>().Spoke<WidgetV1>().Registry());

    [Fact]
    public async Task Round_trip_v1_to_v2_to_v1_gives_back_the_original()
    {
        await using var host = await Host();
        var originals = new[] { WidgetV1Json("a", "red", 3), WidgetV1Json("b", "blue", 7) };

        var toV2 = await host.ReviewAsync("/convert", Review("test.crd.fp.net/v2", originals.Select(o => (JsonObject)o.DeepClone()).ToArray()));
        Assert.Equal("ConversionReview", (string?)toV2["kind"]);
        var response = toV2["response"]!;
        Assert.Equal("705ab4f5-6393-11e8-b7cc-42010a800002", (string?)response["uid"]);
        Assert.Equal("Success", (string?)response["result"]!["status"]);
        var v2 = response["convertedObjects"]!.AsArray();
        Assert.Equal(2, v2.Count);
        Assert.Equal("test.crd.fp.net/v2", (string?)v2[0]!["apiVersion"]);
        Assert.Equal("red", (string?)v2[0]!["spec"]!["colors"]![0]);
        Assert.Equal(7, (int)v2[1]!["spec"]!["dimensions"]!["height"]!);
        Assert.True(JsonNode.DeepEquals(originals[0]["metadata"], v2[0]!["metadata"]), "metadata must be carried over unchanged");

        var back = await host.ReviewAsync("/convert", Review("test.crd.fp.net/v1", v2.Select(o => (JsonObject)o!.DeepClone()).ToArray()));
        var v1 = back["response"]!["convertedObjects"]!.AsArray();
        for (int i = 0; i < originals.Length; i++)
        {
            Assert.True(JsonNode.DeepEquals(originals[i], v1[i]), $"round trip changed object {i}: {v1[i]!.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Objects_already_at_the_desired_version_pass_through()
    {
        await using var host = await Host();
        var original = WidgetV1Json("a", "red", 3);
        var reply = await host.ReviewAsync("/convert", Review("test.crd.fp.net/v1", (JsonObject)original.DeepClone()));
        Assert.True(JsonNode.DeepEquals(original, reply["response"]!["convertedObjects"]![0]));
    }

    [Fact]
    public async Task An_unknown_version_fails_the_review_with_a_message()
    {
        await using var host = await Host();
        var reply = await host.ReviewAsync("/convert", Review("test.crd.fp.net/v3", WidgetV1Json("a", "red", 3)));
        var result = reply["response"]!["result"]!;
        Assert.Equal("Failure", (string?)result["status"]);
        Assert.Equal("Widget has no version v3 here (known: v2, v1)", (string?)result["message"]);
        Assert.Null(reply["response"]!["convertedObjects"]);
    }

    [Fact]
    public async Task An_unregistered_kind_fails_the_review()
    {
        await using var host = await Host();
        var gadget = new JsonObject { ["apiVersion"] = "test.crd.fp.net/v1", ["kind"] = "Gadget", ["metadata"] = new JsonObject() };
        var result = (await host.ReviewAsync("/convert", Review("test.crd.fp.net/v2", gadget)))["response"]!["result"]!;
        Assert.Equal("Failure", (string?)result["status"]);
        Assert.Equal("no conversion is registered for test.crd.fp.net Gadget", (string?)result["message"]);
    }

    [Fact]
    public async Task An_undecodable_object_fails_the_review()
    {
        await using var host = await Host();
        var bad = WidgetV1Json("a", "red", 3);
        bad["spec"]!["size"] = "big";
        var result = (await host.ReviewAsync("/convert", Review("test.crd.fp.net/v2", bad)))["response"]!["result"]!;
        Assert.Equal("Failure", (string?)result["status"]);
        Assert.StartsWith("cannot decode WidgetV1", (string?)result["message"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_spoke_of_another_kind_is_refused_at_registration()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new WebhookRegistry().AddConversion<WidgetV2>().Spoke<Mismatched>());
        Assert.Contains("not a version of test.crd.fp.net Widget", e.Message, StringComparison.Ordinal);
    }

    [k8s.Models.KubernetesEntity(Group = "other.crd.fp.net", ApiVersion = "v1", Kind = "Widget")]
    public sealed class Mismatched : Conversion.IConvertibleSpoke<WidgetV2>
    {
        public void ConvertTo(WidgetV2 hub) { }
        public void ConvertFrom(WidgetV2 hub) { }
    }
}
