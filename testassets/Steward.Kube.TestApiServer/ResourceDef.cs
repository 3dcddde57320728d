using System.Collections.Concurrent;

namespace Steward.Kube.TestApiServer;

/// <summary>A kind the double serves.</summary>
public sealed record ResourceDef(string Group, string Kind, string Plural, bool Namespaced, bool HasStatus, IReadOnlyList<string> Versions)
{
    /// <summary>Storage key: "plural.group" or "plural" for the core group.</summary>
    public string Key => Group.Length == 0 ? Plural : Plural + "." + Group;

    /// <summary>apiVersion for a version of this kind.</summary>
    public string ApiVersion(string version) => Group.Length == 0 ? version : Group + "/" + version;
}

/// <summary>The kinds known to the double: the built-ins the runtime uses, plus registered or CRD-defined ones.</summary>
internal sealed class ResourceTable
{
    private readonly ConcurrentDictionary<(string Group, string Plural), ResourceDef> _defs = new();

    public ResourceTable()
    {
        Add(new ResourceDef("", "Namespace", "namespaces", false, true, ["v1"]));
        Add(new ResourceDef("", "Service", "services", true, true, ["v1"]));
        Add(new ResourceDef("", "Event", "events", true, false, ["v1"]));
        Add(new ResourceDef("", "Secret", "secrets", true, false, ["v1"]));
        Add(new ResourceDef("", "ConfigMap", "configmaps", true, false, ["v1"]));
        Add(new ResourceDef("", "Pod", "pods", true, true, ["v1"]));
        Add(new ResourceDef("", "ServiceAccount", "serviceaccounts", true, false, ["v1"]));
        Add(new ResourceDef("apps", "Deployment", "deployments", true, true, ["v1"]));
        Add(new ResourceDef("coordination.k8s.io", "Lease", "leases", true, false, ["v1"]));
        Add(new ResourceDef("apiextensions.k8s.io", "CustomResourceDefinition", "customresourcedefinitions", false, true, ["v1"]));
        Add(new ResourceDef("events.k8s.io", "Event", "events", true, false, ["v1"]));
        Add(new ResourceDef("admissionregistration.k8s.io", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", false, false, ["v1"]));
        Add(new ResourceDef("admissionregistration.k8s.io", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", false, false, ["v1"]));
    }

    public void Add(ResourceDef def) => _defs[(def.Group, def.Plural)] = def;

    public void Remove(string group, string plural) => _defs.TryRemove((group, plural), out _);

    public ResourceDef? Find(string group, string version, string plural) =>
        _defs.TryGetValue((group, plural), out var d) && d.Versions.Contains(version) ? d : null;

    public IEnumerable<ResourceDef> All => _defs.Values;
}
