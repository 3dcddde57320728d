using k8s;
using k8s.Models;
using Steward.Kube.Client;
using Steward.Kube.Manager;
using Steward.Kube.Reconcile;

namespace Steward.Kube.Controllers;

/// <summary>
/// Builds a controller the way controller-runtime's builder does:
/// <c>manager.NewController().For&lt;Widget&gt;().Owns&lt;V1Deployment&gt;().Complete(reconciler)</c>.
/// </summary>
public sealed class ControllerBuilder
{
    private readonly ControllerManager _manager;
    private readonly List<Func<ResourceType, IReadOnlyList<IPredicate>, IWatchSource>> _sources = [];
    private readonly List<IPredicate> _globalPredicates = [];
    private readonly ControllerOptions _options = new();
    private ResourceType? _primary;
    private string? _name;

    internal ControllerBuilder(ControllerManager manager) => _manager = manager;

    /// <summary>The primary kind: its objects are what requests name; events on them enqueue themselves.</summary>
    public ControllerBuilder For<T>(params IPredicate[] predicates)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (_primary is not null)
        {
            throw new InvalidOperationException("For<T>() may be called once per controller");
        }

        _primary = _manager.Client.Registry.Get<T>();
        _sources.Add((_, global) => new KindSource<T>(KindSource<T>.ForObject, [.. global, .. predicates]));
        return this;
    }

    /// <summary>An owned kind: events on objects controlled by a primary object enqueue that owner.</summary>
    public ControllerBuilder Owns<T>(params IPredicate[] predicates)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        _sources.Add((owner, global) => new KindSource<T>(KindSource<T>.ForOwner(owner), [.. global, .. predicates]));
        return this;
    }

    /// <summary>Any kind, with a function mapping a changed object to the requests it should trigger.</summary>
    public ControllerBuilder Watches<T>(Func<T, IEnumerable<ReconcileRequest>> map, params IPredicate[] predicates)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(map);
        _sources.Add((_, global) => new KindSource<T>(map, [.. global, .. predicates]));
        return this;
    }

    /// <summary>A predicate applied to every watch of this controller.</summary>
    public ControllerBuilder WithEventFilter(IPredicate predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        _globalPredicates.Add(predicate);
        return this;
    }

    /// <summary>Changes the controller's options (concurrency, rate limiter, drain timeout).</summary>
    public ControllerBuilder WithOptions(Action<ControllerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_options);
        return this;
    }

    /// <summary>Names the controller (default: the primary kind in lower case).</summary>
    public ControllerBuilder Named(string controllerName)
    {
        _name = controllerName;
        return this;
    }

    /// <summary>Creates the controller and adds it to the manager.</summary>
    public Controller Complete(IReconciler reconciler)
    {
        ArgumentNullException.ThrowIfNull(reconciler);
        if (_primary is null)
        {
            throw new InvalidOperationException("a controller needs For<T>() before Complete()");
        }

        var built = _sources.Select(s => s(_primary, _globalPredicates)).ToList();
        var controllerName = _name ?? _primary.Kind.ToLowerInvariant();
        var controller = new Controller(controllerName, reconciler, built, _manager.Cache, _manager.Metrics, _options,
            _manager.LoggerFactory.CreateLogger("Steward.Kube.Controller." + controllerName));
        _manager.Add(controller);
        return controller;
    }

    /// <summary>Creates the controller from a delegate.</summary>
    public Controller Complete(Func<ReconcileRequest, CancellationToken, Task<ReconcileResult>> reconcile) =>
        Complete(new FuncReconciler(reconcile));
}
