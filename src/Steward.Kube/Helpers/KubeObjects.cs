using k8s;
using k8s.Models;

namespace Steward.Kube.Helpers;

/// <summary>Small helpers on Kubernetes objects.</summary>
public static class KubeObjects
{
    /// <summary>
    /// A deep copy (through KubernetesClient's JSON), for changing an object read from the cache: cached
    /// objects are shared by every controller and must stay as the server sent them.
    /// </summary>
    public static T DeepCopy<T>(T obj)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(obj);
        return KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(obj));
    }

    /// <summary>True when the object is being deleted (deletionTimestamp set).</summary>
    public static bool IsDeleting(this IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj.Metadata?.DeletionTimestamp is not null;
    }

    /// <summary>An owner reference with controller=true and blockOwnerDeletion=true pointing at <paramref name="owner"/>.</summary>
    public static V1OwnerReference ControllerReference(IKubernetesObject<V1ObjectMeta> owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (string.IsNullOrEmpty(owner.Metadata?.Uid))
        {
            throw new InvalidOperationException($"owner {owner.Kind} {owner.Metadata?.Name} has no uid yet; read it from the server first");
        }

        return new V1OwnerReference
        {
            ApiVersion = owner.ApiVersion,
            Kind = owner.Kind,
            Name = owner.Metadata.Name,
            Uid = owner.Metadata.Uid,
            Controller = true,
            BlockOwnerDeletion = true,
        };
    }

    /// <summary>
    /// Makes <paramref name="owner"/> the controller of <paramref name="child"/>. Throws when another
    /// object already controls it (an object has at most one controller).
    /// </summary>
    public static void SetControllerReference(IKubernetesObject<V1ObjectMeta> owner, IKubernetesObject<V1ObjectMeta> child)
    {
        ArgumentNullException.ThrowIfNull(child);
        var reference = ControllerReference(owner);
        child.Metadata ??= new V1ObjectMeta();
        child.Metadata.OwnerReferences ??= [];
        var refs = child.Metadata.OwnerReferences;
        for (var i = 0; i < refs.Count; i++)
        {
            var r = refs[i];
            if (r.Uid == reference.Uid)
            {
                refs[i] = reference;
                return;
            }

            if (r.Controller == true)
            {
                throw new InvalidOperationException($"{child.Kind} {child.Metadata.Name} is already controlled by {r.Kind} {r.Name}");
            }
        }

        refs.Add(reference);
    }
}
