using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Steward.Kube.Webhooks;
using Steward.Kube.Webhooks.Certificates;
using Steward.Kube.Webhooks.Hosting;
using Steward.Kube.Webhooks.Json;

namespace StewardOperator.Tests;

using StewardOperator.Webhooks.V1;

/// <summary>The operator's webhooks as the API server calls them: AdmissionReview over TLS to the Service's DNS name.</summary>
public sealed class WebhooksOverTlsTests : IAsyncLifetime
{
    private const string Service = "steward-operator-webhook-service";
    private const string Namespace = "steward-operator-system";
    private X509Certificate2 _ca = null!;
    private WebhookServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _ca = CertificateFactory.CreateCertificateAuthority("steward-operator-ca", TimeSpan.FromDays(1));
        var serving = CertificateFactory.IssueServingCertificate(_ca, CertificateFactory.ServiceDnsNames(Service, Namespace), TimeSpan.FromHours(1));
        var registry = new WebhookRegistry().AddDefaulter(new StewardCustomDefaulter()).AddValidator(new StewardCustomValidator());
        _server = new WebhookServer(registry, new StaticCertificateSource(serving), new WebhookServerOptions { Address = IPAddress.Loopback, Port = 0 });
        await _server.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(CancellationToken.None);
        await _server.DisposeAsync();
    }

    private async Task<JsonNode> ReviewAsync(string path, string operation, JsonObject? obj, JsonObject? old = null)
    {
        var review = new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = "0df28fbd-5f5f-11e8-bc74-36e6bb280816",
                ["kind"] = new JsonObject { ["group"] = "oam.crd.fp.net", ["version"] = "v1", ["kind"] = "Steward" },
                ["resource"] = new JsonObject { ["group"] = "oam.crd.fp.net", ["version"] = "v1", ["resource"] = "stewards" },
                ["name"] = "echo",
                ["namespace"] = "default",
                ["operation"] = operation,
                ["userInfo"] = new JsonObject { ["username"] = "admin", ["groups"] = new JsonArray("system:authenticated") },
                ["object"] = obj,
                ["oldObject"] = old,
                ["dryRun"] = false,
            },
        };
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _server.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, _, errors) =>
                {
                    if (cert is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0) return false;
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(_ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(new X509Certificate2(cert));
                },
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://{Service}.{Namespace}.svc:{_server.Port}") };
        using var content = new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("0df28fbd-5f5f-11e8-bc74-36e6bb280816", (string?)reply["response"]!["uid"]);
        return reply["response"]!;
    }

    private static JsonObject Steward(string? spec) => (JsonObject)JsonNode.Parse($$"""
        {"apiVersion":"oam.crd.fp.net/v1","kind":"Steward",
         "metadata":{"name":"echo","namespace":"default","uid":"8e5f0b1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b","generation":1},
         "spec":{{spec}}}
        """)!;

    [Theory]
    [InlineData("""{"image":"example.com/echo:1"}""", """{"image":"example.com/echo:1","replicas":1,"protocol":"grpc","port":50051}""")]
    [InlineData("""{"image":"example.com/echo:1","protocol":"iiop"}""", """{"image":"example.com/echo:1","replicas":1,"protocol":"iiop","port":2809}""")]
    [InlineData("""{"image":"example.com/echo:1","protocol":"thrift","replicas":3}""", """{"image":"example.com/echo:1","replicas":3,"protocol":"thrift","port":9090}""")]
    public async Task Defaulting_patch_applied_to_the_request_object_gives_the_defaulted_spec(string spec, string expected)
    {
        var original = Steward(spec);
        var response = await ReviewAsync("/mutate-oam-crd-fp-net-v1-steward", "CREATE", original);
        Assert.True((bool)response["allowed"]!);
        Assert.Equal("JSONPatch", (string?)response["patchType"]);
        var patched = JsonPatch.Apply(original, JsonPatch.Parse(Encoding.UTF8.GetString(Convert.FromBase64String((string)response["patch"]!))))!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), patched["spec"]), patched["spec"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(original["metadata"], patched["metadata"]));
    }

    [Theory]
    [InlineData("""{"image":"e:1","replicas":101}""", "spec.replicas: Invalid value: 101: must be between 0 and 100")]
    [InlineData("""{"image":"e:1","port":70000}""", "spec.port: Invalid value: 70000: must be between 1 and 65535")]
    [InlineData("""{"image":"","port":0}""", "spec.image: Required value: the container image to run; spec.port: Invalid value: 0: must be between 1 and 65535")]
    public async Task Validation_denies_out_of_range_values_with_422_and_the_message(string spec, string message)
    {
        var response = await ReviewAsync("/validate-oam-crd-fp-net-v1-steward", "CREATE", Steward(spec));
        Assert.False((bool)response["allowed"]!);
        Assert.Equal(422, (int)response["status"]!["code"]!);
        Assert.Equal(message, (string?)response["status"]!["message"]);
    }

    [Fact]
    public async Task Validation_denies_a_protocol_change_on_update()
    {
        var response = await ReviewAsync("/validate-oam-crd-fp-net-v1-steward", "UPDATE",
            Steward("""{"image":"e:1","protocol":"ice","port":10000,"replicas":1}"""),
            Steward("""{"image":"e:1","protocol":"grpc","port":50051,"replicas":1}"""));
        Assert.False((bool)response["allowed"]!);
        Assert.Contains("spec.protocol: Invalid value: \"ice\": field is immutable (it was \"grpc\")", (string?)response["status"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_allows_a_scale_on_update()
    {
        var response = await ReviewAsync("/validate-oam-crd-fp-net-v1-steward", "UPDATE",
            Steward("""{"image":"e:1","protocol":"grpc","port":50051,"replicas":7}"""),
            Steward("""{"image":"e:1","protocol":"grpc","port":50051,"replicas":1}"""));
        Assert.True((bool)response["allowed"]!);
    }
}
