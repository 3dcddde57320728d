using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Steward.Kube.Webhooks.Certificates;
using Steward.Kube.Webhooks.Hosting;

namespace Steward.Kube.Webhooks.Tests;

/// <summary>A webhook server on loopback with a generated CA, and a client that trusts only that CA.</summary>
public sealed class TlsWebhookHost : IAsyncDisposable
{
    public const string Service = "webhook-service";
    public const string Namespace = "steward-system";

    private TlsWebhookHost(WebhookServer server, X509Certificate2 ca)
    {
        Server = server;
        Ca = ca;
    }

    public WebhookServer Server { get; }
    public X509Certificate2 Ca { get; }

    /// <summary>The certificate the server presented on the last handshake.</summary>
    public X509Certificate2? LastPresented { get; private set; }

    public static async Task<TlsWebhookHost> StartAsync(WebhookRegistry registry, ICertificateSource? source = null, X509Certificate2? ca = null)
    {
        if (source is null)
        {
            ca = CertificateFactory.CreateCertificateAuthority("test-ca", TimeSpan.FromDays(1));
            var serving = CertificateFactory.IssueServingCertificate(ca, CertificateFactory.ServiceDnsNames(Service, Namespace), TimeSpan.FromHours(1));
            source = new StaticCertificateSource(serving);
        }
        var server = new WebhookServer(registry, source, new WebhookServerOptions { Address = IPAddress.Loopback, Port = 0 });
        await server.StartAsync(CancellationToken.None);
        return new TlsWebhookHost(server, ca!);
    }

    /// <summary>
    /// A fresh connection (so a rotated certificate is seen) to https://webhook-service.steward-system.svc:port,
    /// dialled to loopback: SNI and name checks are exactly what the API server would do.
    /// </summary>
    public HttpClient NewClient(X509Certificate2? trust = null)
    {
        var anchor = trust ?? Ca;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Server.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, _, errors) =>
                {
                    if (cert is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
                    {
                        return false;
                    }

                    var leaf = new X509Certificate2(cert);
                    LastPresented = leaf;
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(anchor);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(leaf);
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://{Service}.{Namespace}.svc:{Server.Port}") };
    }

    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string body)
    {
        using var client = NewClient();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonObject> ReviewAsync(string path, JsonObject review)
    {
        var (status, body) = await PostAsync(path, review.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status);
        return (JsonObject)JsonNode.Parse(body)!;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync(CancellationToken.None);
        await Server.DisposeAsync();
    }
}

/// <summary>AdmissionReview requests in the shape of the examples in the Kubernetes documentation.</summary>
public static class Reviews
{
    public static JsonObject Admission(string operation, JsonObject? obj, JsonObject? oldObj, string group = "apps", string version = "v1", string kind = "Deployment", string resource = "deployments")
    {
        var gvk = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind };
        var gvr = new JsonObject { ["group"] = group, ["version"] = version, ["resource"] = resource };
        return new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = "705ab4f5-6393-11e8-b7cc-42010a800002",
                ["kind"] = gvk,
                ["resource"] = gvr,
                ["requestKind"] = gvk.DeepClone(),
                ["requestResource"] = gvr.DeepClone(),
                ["name"] = "my-deployment",
                ["namespace"] = "my-namespace",
                ["operation"] = operation,
                ["userInfo"] = new JsonObject
                {
                    ["username"] = "admin",
                    ["uid"] = "014fbff9a07c",
                    ["groups"] = new JsonArray("system:authenticated", "my-admin-group"),
                    ["extra"] = new JsonObject { ["some-key"] = new JsonArray("some-value1", "some-value2") },
                },
                ["object"] = obj,
                ["oldObject"] = oldObj,
                ["options"] = new JsonObject
                {
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["kind"] = operation switch { "CREATE" => "CreateOptions", "DELETE" => "DeleteOptions", _ => "UpdateOptions" },
                },
                ["dryRun"] = false,
            },
        };
    }

    public static JsonObject Deployment(int? replicas = null, string app = "web", bool withLabels = false) =>
        (JsonObject)JsonNode.Parse($$"""
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": {
            "name": "my-deployment",
            "namespace": "my-namespace",
            "uid": "4b54be10-8d3c-11e9-8b7a-080027c4fa5f",
            "creationTimestamp": "2019-06-13T10:15:07Z"{{(withLabels ? ",\n\"labels\": {\"protected\": \"yes\"}" : "")}}
          },
          "spec": {
            {{(replicas is { } r ? $"\"replicas\": {r}," : "")}}
            "selector": { "matchLabels": { "app": "{{app}}" } },
            "template": {
              "metadata": { "labels": { "app": "{{app}}" } },
              "spec": {
                "containers": [
                  { "name": "web", "image": "nginx:1.27", "ports": [ { "containerPort": 80, "protocol": "TCP" } ] }
                ]
              }
            }
          }
        }
        """)!;
}
