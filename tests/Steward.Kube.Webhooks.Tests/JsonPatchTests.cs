using System.Text.Json.Nodes;
using Steward.Kube.Webhooks.Json;

namespace Steward.Kube.Webhooks.Tests;

public sealed class JsonPatchTests
{
    [Theory]
    [InlineData("""{"a":1,"b":{"c":[1,2,3]}}""", """{"a":2,"b":{"c":[1,2,3,4]},"d":null}""")]
    [InlineData("""{"a":{"x/y":1,"m~n":2}}""", """{"a":{"x/y":3}}""")]
    [InlineData("""{"list":[{"k":1},{"k":2}]}""", """{"list":[{"k":1},{"k":3,"new":true}]}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":{"0":1}}""")]
    [InlineData("""{}""", """{"spec":{"replicas":1}}""")]
    [InlineData("""{"a":"x"}""", """{"a":"x"}""")]
    public void Diff_then_apply_yields_the_modified_document(string from, string to)
    {
        var a = JsonNode.Parse(from);
        var b = JsonNode.Parse(to);
        var ops = JsonPatch.Diff(a, b);
        var applied = JsonPatch.Apply(a, JsonPatch.Parse(JsonPatch.ToJson(ops)));
        Assert.True(JsonNode.DeepEquals(b, applied), applied?.ToJsonString());
    }

    [Fact]
    public void Diff_escapes_slash_and_tilde_in_member_names()
    {
        var ops = JsonPatch.Diff(JsonNode.Parse("""{"metadata":{"labels":{}}}"""),
            JsonNode.Parse("""{"metadata":{"labels":{"app.kubernetes.io/name":"x","a~b":"y"}}}"""));
        Assert.Equal(["/metadata/labels/app.kubernetes.io~1name", "/metadata/labels/a~0b"], ops.Select(o => o.Path));
    }

    [Fact]
    public void Equal_documents_diff_to_nothing()
    {
        Assert.Empty(JsonPatch.Diff(JsonNode.Parse("""{"a":[1,{"b":2}]}"""), JsonNode.Parse("""{"a":[1,{"b":2}]}""")));
    }

    [Fact]
    public void Apply_follows_the_RFC_6902_appendix_examples()
    {
        // A.2: adding an array element; A.4: removing an array element; A.6: replacing a value; A.7: moving a value.
        var doc = JsonNode.Parse("""{"foo":["bar","baz"],"qux":{"bar":"x"}}""");
        var patch = JsonPatch.Parse("""
            [{"op":"add","path":"/foo/1","value":"qux"},
             {"op":"remove","path":"/foo/0"},
             {"op":"replace","path":"/qux/bar","value":42},
             {"op":"move","from":"/qux/bar","path":"/moved"},
             {"op":"copy","from":"/foo","path":"/copy"},
             {"op":"add","path":"/foo/-","value":"end"},
             {"op":"test","path":"/moved","value":42}]
            """);
        var result = JsonPatch.Apply(doc, patch);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"foo":["qux","baz","end"],"qux":{},"moved":42,"copy":["qux","baz"]}"""), result), result!.ToJsonString());
    }

    [Theory]
    [InlineData("""[{"op":"remove","path":"/missing"}]""", "path /missing does not exist")]
    [InlineData("""[{"op":"replace","path":"/a/5","value":1}]""", "path /a/5 does not exist")]
    [InlineData("""[{"op":"test","path":"/a/0","value":2}]""", "test failed at /a/0")]
    [InlineData("""[{"op":"add","path":"/a/01","value":2}]""", "cannot add at /a/01: the parent is not an object or the index is out of range")]
    public void Apply_refuses_operations_on_missing_targets(string patch, string message)
    {
        var e = Assert.Throws<JsonPatchException>(() => JsonPatch.Apply(JsonNode.Parse("""{"a":[1]}"""), JsonPatch.Parse(patch)));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("""{"op":"add"}""", "a JSON patch must be a JSON array")]
    [InlineData("""[{"op":"frob","path":"/a"}]""", "unknown patch operation \"frob\"")]
    [InlineData("""[{"op":"add","path":"/a"}]""", "\"add\" operation at /a without \"value\"")]
    [InlineData("""[{"op":"move","path":"/a"}]""", "\"move\" operation at /a without \"from\"")]
    [InlineData("""[1]""", "every patch operation must be an object")]
    public void Parse_rejects_malformed_patches(string patch, string message)
    {
        Assert.Equal(message, Assert.Throws<JsonPatchException>(() => JsonPatch.Parse(patch)).Message);
    }
}
