using System.Net;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Steward.Kube.Cache;
using Steward.Kube.Client;
using Steward.Kube.Controllers;
using Steward.Kube.Events;
using Steward.Kube.Leader;
using Steward.Kube.Metrics;

namespace Steward.Kube.Manager;

/// <summary>Settings of a manager.</summary>
public sealed class ManagerOptions
{
    /// <summary>How to reach the API server; in-cluster config or the kubeconfig when null.</summary>
    public KubernetesClientConfiguration? Configuration { get; set; }

    /// <summary>Leader election on a Lease; null runs the controllers without election.</summary>
    public LeaderElectionOptions? LeaderElection { get; set; }

    /// <summary>
    /// Where /metrics, /healthz and /readyz are served, "host:port" (port 0 picks a free one);
    /// null serves nothing.
    /// </summary>
    public string? HttpBindAddress { get; set; }

    /// <summary>Informer settings for every kind.</summary>
    public InformerOptions Informers { get; set; } = new();

    /// <summary>Registry of kinds; the process-wide default when null.</summary>
    public ResourceRegistry? Registry { get; set; }

    /// <summary>The component name written into Events.</summary>
    public string Component { get; set; } = "steward-controller";
}

/// <summary>
/// Runs a set of controllers over one shared informer cache: starts the informers, serves metrics and
/// probes, takes part in leader election (only the leader runs controllers; caches stay warm on
/// standbys), and on stop drains in-flight reconciles before closing the watches.
/// </summary>
public sealed class ControllerManager : IAsyncDisposable
{
    private readonly ManagerOptions _options;
    private readonly List<Controller> _controllers = [];
    private readonly Lazy<EventRecorder> _recorder;
    private CancellationTokenSource? _runCts;
    private Task? _running;
    private WebApplication? _web;
    private LeaderElector? _elector;

    /// <summary>Creates a manager over an existing client.</summary>
    public ControllerManager(IKubeClient client, ManagerOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        Client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? new ManagerOptions();
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Cache = new InformerCache(client, LoggerFactory) { DefaultOptions = _options.Informers };
        Metrics = new ControllerMetrics(new MetricsRegistry());
        _recorder = new Lazy<EventRecorder>(() => new EventRecorder(Client, _options.Component, LoggerFactory.CreateLogger<EventRecorder>()));
    }

    /// <summary>Creates a manager from options (their Configuration, or the default kubeconfig/in-cluster config).</summary>
    public ControllerManager(ManagerOptions options, ILoggerFactory? loggerFactory = null)
        : this(new KubeRestClient(options?.Configuration ?? KubernetesClientConfiguration.BuildDefaultConfig(), options?.Registry), options, loggerFactory)
    {
    }

    /// <summary>Writes go to the API server through this client.</summary>
    public IKubeClient Client { get; }

    /// <summary>The shared informer cache reconcilers read from.</summary>
    public InformerCache Cache { get; }

    /// <summary>controller-runtime's metrics.</summary>
    public ControllerMetrics Metrics { get; }

    /// <summary>Loggers for the manager's parts.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The controllers added so far.</summary>
    public IReadOnlyList<Controller> Controllers => _controllers;

    /// <summary>True while this manager runs its controllers (always, without leader election).</summary>
    public bool IsLeader => _options.LeaderElection is null ? _running is not null : _elector?.IsLeader == true;

    /// <summary>The bound address of the metrics/probe server, once started.</summary>
    public Uri? HttpAddress { get; private set; }

    /// <summary>Starts building a controller that this manager runs.</summary>
    public ControllerBuilder NewController() => new(this);

    /// <summary>The manager's event recorder.</summary>
    public IEventRecorder GetEventRecorder() => _recorder.Value;

    /// <summary>Adds a controller (before or after start; a late one starts with the next leadership term).</summary>
    public void Add(Controller controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        lock (_controllers)
        {
            _controllers.Add(controller);
        }
    }

    /// <summary>Starts everything and returns; <see cref="StopAsync"/> stops it.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        if (_runCts is not null)
        {
            throw new InvalidOperationException("the manager is already started");
        }

        _runCts = new CancellationTokenSource();
        if (_options.HttpBindAddress is { } bind)
        {
            await StartHttpAsync(bind, ct).ConfigureAwait(false);
        }

        Cache.Start();
        var token = _runCts.Token;
        if (_options.LeaderElection is { } le)
        {
            _elector = new LeaderElector(Client, le, LoggerFactory.CreateLogger<LeaderElector>());
            _running = Task.Run(() => _elector.RunAsync(LeadAsync, token), CancellationToken.None);
        }
        else
        {
            _running = Task.Run(() => LeadAsync(token), CancellationToken.None);
        }
    }

    /// <summary>Stops: controllers drain their in-flight reconciles, the lease is released, watches close.</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        if (_runCts is null)
        {
            return;
        }

        await _runCts.CancelAsync().ConfigureAwait(false);
        if (_running is not null)
        {
            await _running.WaitAsync(ct).ConfigureAwait(false);
        }

        await Cache.StopAsync().ConfigureAwait(false);
        if (_recorder.IsValueCreated)
        {
            await _recorder.Value.DisposeAsync().ConfigureAwait(false);
        }

        if (_web is not null)
        {
            await _web.StopAsync(ct).ConfigureAwait(false);
            await _web.DisposeAsync().ConfigureAwait(false);
            _web = null;
        }
    }

    /// <summary>Starts, runs until <paramref name="ct"/> is cancelled, then stops gracefully.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        await StartAsync(ct).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await Cache.DisposeAsync().ConfigureAwait(false);
        _runCts?.Dispose();
    }

    private async Task LeadAsync(CancellationToken ct)
    {
        var name = _options.LeaderElection?.LeaseName ?? "none";
        Metrics.LeaderStatus.Set(1, name);
        try
        {
            Controller[] snapshot;
            lock (_controllers)
            {
                snapshot = [.. _controllers];
            }

            await Task.WhenAll(snapshot.Select(c => c.RunAsync(ct))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            Metrics.LeaderStatus.Set(0, name);
        }
    }

    private async Task StartHttpAsync(string bind, CancellationToken ct)
    {
        var colon = bind.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(bind.AsSpan(colon + 1), out var port))
        {
            throw new ArgumentException($"HttpBindAddress '{bind}' is not host:port");
        }

        var host = bind[..colon];
        var ip = host is "" or "*" or "0.0.0.0" ? IPAddress.Any : host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(host);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(ip, port));
        builder.Services.AddSingleton(LoggerFactory);
        var app = builder.Build();
        app.Run(HandleHttpAsync);
        await app.StartAsync(ct).ConfigureAwait(false);
        _web = app;
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        HttpAddress = address is null ? null : new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    private Task HandleHttpAsync(HttpContext ctx)
    {
        switch (ctx.Request.Path.Value)
        {
            case "/metrics":
                ctx.Response.ContentType = MetricsRegistry.ContentType;
                return ctx.Response.WriteAsync(Metrics.Registry.Render());
            case "/healthz":
                return ctx.Response.WriteAsync("ok");
            case "/readyz":
                if (!Cache.HasSynced)
                {
                    ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    return ctx.Response.WriteAsync("informers not synced");
                }

                return ctx.Response.WriteAsync("ok");
            default:
                ctx.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
        }
    }
}
