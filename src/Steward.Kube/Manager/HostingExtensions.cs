using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steward.Kube.Cache;
using Steward.Kube.Client;
using Steward.Kube.Controllers;
using Steward.Kube.Events;
using Steward.Kube.Reconcile;

namespace Steward.Kube.Manager;

/// <summary>A controller to build when the host starts.</summary>
internal sealed record ControllerRegistration(Action<IServiceProvider, ControllerManager> Build);

/// <summary>Runs the <see cref="ControllerManager"/> as a hosted service.</summary>
internal sealed class ManagerHostedService(ControllerManager manager, IEnumerable<ControllerRegistration> registrations, IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Built here, not in the manager's factory: reconcilers may take IKubeClient/IInformerCache,
        // which resolve to the manager itself.
        foreach (var r in registrations)
        {
            r.Build(services, manager);
        }

        return manager.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => manager.StopAsync(cancellationToken);
}

/// <summary>Registration of the controller runtime in Microsoft.Extensions.DependencyInjection.</summary>
public static class HostingExtensions
{
    /// <summary>
    /// Adds the manager as a hosted service, plus <see cref="IKubeClient"/>, <see cref="IInformerCache"/>
    /// and <see cref="IEventRecorder"/>. A <see cref="Kubernetes"/> registered in the container is used
    /// when present; otherwise the options' configuration, or in-cluster config / the kubeconfig.
    /// </summary>
    public static IServiceCollection AddStewardControllers(this IServiceCollection services, Action<ManagerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new ManagerOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp =>
        {
            var opts = sp.GetRequiredService<ManagerOptions>();
            var kube = sp.GetService<Kubernetes>();
            IKubeClient client = kube is not null
                ? new KubeRestClient(kube, opts.Registry)
                : new KubeRestClient(opts.Configuration ?? KubernetesClientConfiguration.BuildDefaultConfig(), opts.Registry);
            return new ControllerManager(client, opts, sp.GetService<ILoggerFactory>());
        });
        services.TryAddSingleton(sp => sp.GetRequiredService<ControllerManager>().Client);
        services.TryAddSingleton<IInformerCache>(sp => sp.GetRequiredService<ControllerManager>().Cache);
        services.TryAddSingleton(sp => sp.GetRequiredService<ControllerManager>().GetEventRecorder());
        services.AddHostedService<ManagerHostedService>();
        return services;
    }

    /// <summary>
    /// Adds a reconciler (constructed by the container) and the controller that runs it, e.g.
    /// <c>services.AddController&lt;WidgetReconciler&gt;(b =&gt; b.For&lt;Widget&gt;().Owns&lt;V1Deployment&gt;())</c>.
    /// </summary>
    public static IServiceCollection AddController<TReconciler>(this IServiceCollection services, Action<ControllerBuilder> configure)
        where TReconciler : class, IReconciler
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.TryAddSingleton<TReconciler>();
        services.AddSingleton(new ControllerRegistration((sp, manager) =>
        {
            var builder = manager.NewController();
            configure(builder);
            builder.Complete(sp.GetRequiredService<TReconciler>());
        }));
        return services;
    }
}
