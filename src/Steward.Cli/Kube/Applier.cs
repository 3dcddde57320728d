using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Steward.Cli.Kube;

/// <summary>An object of a kind KubernetesClient has no model for (cert-manager's Issuer and Certificate).</summary>
internal sealed class UntypedObject : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "";
    public string Kind { get; set; } = "";
    public V1ObjectMeta Metadata { get; set; } = new();
    public Dictionary<string, object>? Spec { get; set; }
}

/// <summary>
/// `install` and `deploy`: create each object, or replace it (carrying the server's resourceVersion) when it
/// exists — the create-or-replace half of `kubectl apply`, without a three-way merge.
/// </summary>
internal sealed class Applier(IKubernetes client, TextWriter log)
{
    private static readonly HashSet<string> ClusterScoped = new(StringComparer.Ordinal)
    {
        "Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
    };

    /// <summary>Namespaces and CRDs first, webhook configurations last (they would intercept the rest).</summary>
    private static int Order(string kind) => kind switch
    {
        "Namespace" => 0,
        "CustomResourceDefinition" => 1,
        "ServiceAccount" or "ClusterRole" or "Role" => 2,
        "ClusterRoleBinding" or "RoleBinding" => 3,
        "Issuer" or "Certificate" => 4,
        "MutatingWebhookConfiguration" or "ValidatingWebhookConfiguration" => 9,
        _ => 5,
    };

    public static List<IKubernetesObject<V1ObjectMeta>> Load(IEnumerable<string> files)
    {
        var typeMap = new Dictionary<string, Type>
        {
            ["cert-manager.io/v1/Issuer"] = typeof(UntypedObject),
            ["cert-manager.io/v1/Certificate"] = typeof(UntypedObject),
        };
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        foreach (var file in files)
        {
            foreach (var obj in KubernetesYaml.LoadAllFromString(File.ReadAllText(file), typeMap))
            {
                objects.Add(obj as IKubernetesObject<V1ObjectMeta> ?? throw new KubeCliException($"{file}: {obj.GetType().Name} is not a Kubernetes object"));
            }
        }
        return objects.OrderBy(o => Order(o.Kind)).ToList();
    }

    public async Task ApplyAsync(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects, CancellationToken ct)
    {
        foreach (var obj in objects)
        {
            await ApplyOneAsync((dynamic)obj, ct).ConfigureAwait(false);
        }
    }

    private async Task ApplyOneAsync<T>(T obj, CancellationToken ct) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var (group, version) = SplitApiVersion(obj.ApiVersion);
        string plural = Steward.Kube.EntityKind.Pluralize(obj.Kind.ToLowerInvariant());
        using var generic = group.Length == 0 ? new GenericClient(client, version, plural, false) : new GenericClient(client, group, version, plural, false);
        bool cluster = ClusterScoped.Contains(obj.Kind);
        string name = obj.Metadata.Name;
        string? ns = cluster ? null : obj.Metadata.NamespaceProperty ?? "default";
        string what = $"{obj.Kind.ToLowerInvariant()}/{name}" + (ns is null ? "" : $" -n {ns}");
        T? existing = null;
        try
        {
            existing = ns is null ? await generic.ReadAsync<T>(name, ct).ConfigureAwait(false) : await generic.ReadNamespacedAsync<T>(ns, name, ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
        try
        {
            if (existing is null)
            {
                _ = ns is null ? await generic.CreateAsync(obj, ct).ConfigureAwait(false) : await generic.CreateNamespacedAsync(obj, ns, ct).ConfigureAwait(false);
                log.WriteLine($"{what} created");
            }
            else
            {
                obj.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
                _ = ns is null ? await generic.ReplaceAsync(obj, name, ct).ConfigureAwait(false) : await generic.ReplaceNamespacedAsync(obj, ns, name, ct).ConfigureAwait(false);
                log.WriteLine($"{what} configured");
            }
        }
        catch (HttpOperationException e)
        {
            throw new KubeCliException($"{what}: the API server answered {(int)e.Response.StatusCode}: {e.Response.Content}");
        }
    }

    private static (string Group, string Version) SplitApiVersion(string apiVersion)
    {
        int slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }
}
