using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steward.Kube.Webhooks.Certificates;

namespace Steward.Kube.Webhooks.Hosting;

/// <summary>Where a <see cref="WebhookServer"/> listens.</summary>
public sealed class WebhookServerOptions
{
    /// <summary>kubebuilder's default webhook port.</summary>
    public int Port { get; init; } = 9443;

    /// <summary>Address to bind; any address by default, loopback in tests.</summary>
    public IPAddress Address { get; init; } = IPAddress.Any;
}

/// <summary>
/// The HTTPS endpoint the API server calls: POST on every registered path, TLS with the certificate
/// <see cref="ICertificateSource.Current"/> gives at handshake time.
/// </summary>
public sealed class WebhookServer(WebhookRegistry registry, ICertificateSource certificates, WebhookServerOptions? options = null)
    : IHostedService, IAsyncDisposable
{
    private readonly WebhookServerOptions _options = options ?? new WebhookServerOptions();
    private WebApplication? _app;

    /// <summary>The port actually bound (useful with port 0).</summary>
    public int Port { get; private set; }

    /// <summary>Binds the port and starts serving every path of the registry over TLS.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = WebhookRegistry.MaxBodyBytes;
            kestrel.Listen(_options.Address, _options.Port, listen =>
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificateSelector = (_, _) => certificates.Current,
                }));
        });
        _app = builder.Build();
        _app.MapWebhooks(registry);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port;
    }

    /// <summary>Stops accepting requests and lets those in flight finish.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Releases the server; stops it first if it is still running.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>Routes webhook paths in an ASP.NET Core application.</summary>
public static class WebhookEndpointExtensions
{
    /// <summary>Maps every webhook of <paramref name="registry"/> as a POST endpoint, for hosting in an existing app.</summary>
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder endpoints, WebhookRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var path in registry.Paths.ToList())
        {
            endpoints.MapPost(path, context => ServeAsync(context, registry, path));
        }

        return endpoints;
    }

    private static async Task ServeAsync(HttpContext context, WebhookRegistry registry, string path)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var reply = body is null
            ? WebhookReply.Text(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {WebhookRegistry.MaxBodyBytes} bytes")
            : await registry.DispatchAsync(path, body.Value, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = reply.StatusCode;
        context.Response.ContentType = reply.ContentType;
        await context.Response.WriteAsync(reply.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext context)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false })
        {
            limit.MaxRequestBodySize = WebhookRegistry.MaxBodyBytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > WebhookRegistry.MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
