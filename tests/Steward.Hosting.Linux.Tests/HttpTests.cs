using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Steward.Hosting.Linux.Tests;

public sealed class HttpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Echoes the request body, prefixed with the protocol and the transport's connection id.</summary>
    private static void EchoApp(IApplicationBuilder app) => app.Run(async context =>
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        context.Response.ContentType = "application/octet-stream";
        context.Response.Headers["x-protocol"] = context.Request.Protocol;
        context.Response.Headers["x-connection"] = context.Connection.Id;
        await context.Response.Body.WriteAsync(body.ToArray());
    });

    private static async Task RunManyRequestsAsync(HttpClient client, string baseAddress, Version version, string protocol)
    {
        await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            var payload = new byte[i * 397 % 20_000];
            Handlers.Fill(payload, i);
            using var request = new HttpRequestMessage(HttpMethod.Post, baseAddress + "/echo/" + i)
            {
                Version = version,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent(payload),
            };
            using var response = await client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(version, response.Version);
            Assert.Equal(protocol, Assert.Single(response.Headers.GetValues("x-protocol")));
            // Our transport names its connections L<hex>: proof the request did not go through Kestrel's socket transport.
            Assert.StartsWith("L", Assert.Single(response.Headers.GetValues("x-connection")), StringComparison.Ordinal);
            Assert.Equal(payload, await response.Content.ReadAsByteArrayAsync(Ct));
        })).Within("100 concurrent requests");
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task Http1_serves_many_concurrent_requests(ApplicationScheduling scheduling)
    {
        await using var server = await TestServer.StartAsync(scheduling,
            k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1), EchoApp);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 20 });
        await RunManyRequestsAsync(client, $"http://127.0.0.1:{server.Port}", HttpVersion.Version11, "HTTP/1.1");
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task Http2_prior_knowledge_serves_many_concurrent_requests(ApplicationScheduling scheduling)
    {
        await using var server = await TestServer.StartAsync(scheduling,
            k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2), EchoApp);
        using var client = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true });
        await RunManyRequestsAsync(client, $"http://127.0.0.1:{server.Port}", HttpVersion.Version20, "HTTP/2");
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task Tls_negotiates_http2_by_alpn_and_serves_many_concurrent_requests(ApplicationScheduling scheduling)
    {
        using var certificate = SelfSignedLocalhost();
        await using var server = await TestServer.StartAsync(scheduling, k => k.Listen(IPAddress.Loopback, 0, l =>
        {
            l.Protocols = HttpProtocols.Http1AndHttp2;
            l.UseHttps(certificate);
        }), EchoApp);
        using var client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == certificate.GetCertHashString() },
        });
        await RunManyRequestsAsync(client, $"https://127.0.0.1:{server.Port}", HttpVersion.Version20, "HTTP/2");
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool, 1)]
    [InlineData(ApplicationScheduling.IoThread, 1)]
    [InlineData(ApplicationScheduling.ThreadPool, 2)]
    [InlineData(ApplicationScheduling.IoThread, 2)]
    public async Task Large_concurrent_downloads_arrive_whole(ApplicationScheduling scheduling, int major)
    {
        // Bodies far larger than the socket buffers and MaxWriteBufferSize: sends wait for EPOLLOUT, and with
        // HTTP/2 the streams also interleave under flow control.
        const int size = 3 * 1024 * 1024;
        await using var server = await TestServer.StartAsync(scheduling,
            k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = major == 2 ? HttpProtocols.Http2 : HttpProtocols.Http1),
            app => app.Run(async context =>
            {
                var seed = int.Parse(context.Request.Path.Value!.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                var chunk = new byte[100_000];
                for (long offset = 0; offset < size; offset += chunk.Length)
                {
                    var length = (int)Math.Min(chunk.Length, size - offset);
                    Handlers.Fill(chunk.AsSpan(0, length), seed * 10_000_019L + offset);
                    await context.Response.Body.WriteAsync(chunk.AsMemory(0, length));
                }
            }));
        using var client = new HttpClient();
        var version = major == 2 ? HttpVersion.Version20 : HttpVersion.Version11;
        await Task.WhenAll(Enumerable.Range(1, 4).Select(async seed =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{server.Port}/{seed}")
            {
                Version = version,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
            Assert.Equal(version, response.Version);
            var body = await response.Content.ReadAsByteArrayAsync(Ct);
            Assert.Equal(size, body.Length);
            Assert.Equal(-1, Handlers.FirstMismatch(body, seed * 10_000_019L));
        })).Within("four large downloads");
    }

    [Theory]
    [InlineData(ApplicationScheduling.ThreadPool)]
    [InlineData(ApplicationScheduling.IoThread)]
    public async Task A_client_that_disconnects_mid_request_fires_RequestAborted(ApplicationScheduling scheduling)
    {
        // Long polling and server streaming rely on this: Kestrel learns of the disconnect only from ConnectionClosed.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync(scheduling,
            k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1),
            app => app.Run(async context =>
            {
                context.RequestAborted.Register(() => aborted.TrySetResult());
                started.TrySetResult();
                await aborted.Task;
            }));
        using (var client = await server.ConnectAsync())
        {
            await Handlers.SendAllAsync(client, "GET /wait HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray(), Ct);
            await started.Task.Within("the request starting");
        }
        await aborted.Task.Within("RequestAborted after the client went away");
    }

    private static X509Certificate2 SelfSignedLocalhost()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // A PFX round trip gives the certificate a private key every TLS backend can use.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
