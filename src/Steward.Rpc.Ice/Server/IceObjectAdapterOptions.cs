namespace Steward.Rpc.Ice;

/// <summary>
/// The object adapter of one Ice listener (<c>listenOptions.UseStewardIce(adapter =&gt; adapter.Add("test", "Test.Operations"))</c>):
/// which identity (and facet) reaches which core service. A service is named as the core names it, the Slice
/// interface's full name with dots; it must be registered with <c>AddSteward</c> and carry Ice codecs.
/// Requests for an identity with no servant get ObjectNotExist; for a known identity with another facet, FacetNotExist.
/// </summary>
public sealed class IceObjectAdapterOptions
{
    private readonly Dictionary<(IceIdentity Identity, string Facet), string> _servants = new();
    private readonly Dictionary<(string Category, string Facet), string> _defaultServants = new();

    /// <summary>The adapter's name, for logs (Ice's adapter name).</summary>
    public string Name { get; set; } = "Steward";

    /// <summary>Size bounds for every message read on this listener.</summary>
    public IceLimits Limits { get; set; } = IceLimits.Default;

    /// <summary>
    /// Serves <paramref name="serviceName"/> as the object <paramref name="identity"/> (<c>name</c> or <c>category/name</c>,
    /// with Ice's escapes), under <paramref name="facet"/> (the default facet when empty).
    /// </summary>
    public IceObjectAdapterOptions Add(string identity, string serviceName, string facet = "")
    {
        ArgumentNullException.ThrowIfNull(serviceName);
        ArgumentNullException.ThrowIfNull(facet);
        var parsed = IceIdentity.Parse(identity);
        if (!_servants.TryAdd((parsed, facet), serviceName))
        {
            throw new ArgumentException($"Identity '{parsed}' (facet '{facet}') already has a servant.", nameof(identity));
        }
        return this;
    }

    /// <summary>
    /// Serves <paramref name="serviceName"/> for every identity of <paramref name="category"/> that has no servant of its own
    /// (Ice's default servant; the empty category catches every identity). The servant sees the identity in
    /// <see cref="IceServerCallContext.Identity"/>.
    /// </summary>
    public IceObjectAdapterOptions AddDefaultServant(string category, string serviceName, string facet = "")
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(serviceName);
        ArgumentNullException.ThrowIfNull(facet);
        if (!_defaultServants.TryAdd((category, facet), serviceName))
        {
            throw new ArgumentException($"Category '{category}' (facet '{facet}') already has a default servant.", nameof(category));
        }
        return this;
    }

    internal IReadOnlyDictionary<(IceIdentity Identity, string Facet), string> Servants => _servants;

    internal IReadOnlyDictionary<(string Category, string Facet), string> DefaultServants => _defaultServants;

    internal IceObjectAdapterOptions Clone()
    {
        var copy = new IceObjectAdapterOptions { Name = Name, Limits = Limits };
        foreach (var (key, value) in _servants)
        {
            copy._servants.Add(key, value);
        }
        foreach (var (key, value) in _defaultServants)
        {
            copy._defaultServants.Add(key, value);
        }
        return copy;
    }
}
