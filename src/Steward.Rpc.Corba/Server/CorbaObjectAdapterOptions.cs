using System.Net;
using System.Text;

namespace Steward.Rpc.Corba;

/// <summary>
/// The object adapter of one GIOP listener (<c>listenOptions.UseStewardCorba(adapter =&gt; adapter.Add("StewardTest", "Test.Operations"))</c>):
/// which object key reaches which core service. Keys are persistent object ids: the same key reaches the same
/// service after a restart, so an IOR stays valid as long as the host and port do. A service is named as the core
/// names it (the IDL interface's scoped name with dots); it must be registered with <c>AddSteward</c> and carry
/// CORBA codecs. Requests for a key with no servant get OBJECT_NOT_EXIST.
/// </summary>
public sealed class CorbaObjectAdapterOptions
{
    private readonly Dictionary<string, string> _servants = new(StringComparer.Ordinal);
    private Func<EndPoint?>? _boundEndPoint;

    /// <summary>The adapter's name, for logs.</summary>
    public string Name { get; set; } = "Steward";

    /// <summary>Size and nesting bounds for every message read on this listener.</summary>
    public CdrLimits Limits { get; set; } = CdrLimits.Default;

    /// <summary>The host written in this adapter's IORs; by default the address the listener is bound to (127.0.0.1 for any-address).</summary>
    public string? PublishedHost { get; set; }

    /// <summary>The port written in this adapter's IORs; by default the port the listener is bound to.</summary>
    public int? PublishedPort { get; set; }

    /// <summary>The IIOP version of this adapter's profiles (1.2 by default; 1.0 profiles carry no components).</summary>
    public GiopVersion IiopVersion { get; set; } = GiopVersion.V1_2;

    /// <summary>The service that answers every key with no servant of its own (a default servant); null for none.</summary>
    public string? DefaultServant { get; private set; }

    /// <summary>Serves <paramref name="serviceName"/> as the object whose key is the UTF-8 bytes of <paramref name="objectKey"/>.</summary>
    public CorbaObjectAdapterOptions Add(string objectKey, string serviceName) => Add(Encoding.UTF8.GetBytes(objectKey ?? throw new ArgumentNullException(nameof(objectKey))), serviceName);

    /// <summary>Serves <paramref name="serviceName"/> as the object whose key is <paramref name="objectKey"/>.</summary>
    public CorbaObjectAdapterOptions Add(byte[] objectKey, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(objectKey);
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        if (!_servants.TryAdd(Convert.ToHexString(objectKey), serviceName))
        {
            throw new ArgumentException($"Object key '{Encoding.UTF8.GetString(objectKey)}' already has a servant.", nameof(objectKey));
        }
        return this;
    }

    /// <summary>Serves <paramref name="serviceName"/> for every object key that has no servant of its own (the POA's default servant); it sees the key in <see cref="CorbaServerCallContext.ObjectKey"/>.</summary>
    public CorbaObjectAdapterOptions AddDefaultServant(string serviceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        if (DefaultServant is not null)
        {
            throw new InvalidOperationException("The adapter already has a default servant.");
        }
        DefaultServant = serviceName;
        return this;
    }

    /// <summary>
    /// The reference of the object with key <paramref name="objectKey"/> on this adapter: one IIOP profile with the
    /// published host and port, and (IIOP 1.1 and later) Steward's TAG_ORB_TYPE and TAG_CODE_SETS components
    /// (<see cref="IiopComponents.StewardDefaults"/>: UTF-8 chars, UTF-16 wchars). Available once the listener is bound.
    /// </summary>
    public CorbaObjectReference CreateReference(string objectKey, string typeId = CorbaRepositoryIds.Object) =>
        CreateReference(Encoding.UTF8.GetBytes(objectKey ?? throw new ArgumentNullException(nameof(objectKey))), typeId);

    /// <summary>The reference of the object with key <paramref name="objectKey"/> (see <see cref="CreateReference(string, string)"/>).</summary>
    public CorbaObjectReference CreateReference(byte[] objectKey, string typeId = CorbaRepositoryIds.Object)
    {
        ArgumentNullException.ThrowIfNull(objectKey);
        ArgumentNullException.ThrowIfNull(typeId);
        var bound = _boundEndPoint?.Invoke() as IPEndPoint;
        var host = PublishedHost ?? (bound is null || bound.Address.Equals(IPAddress.Any) || bound.Address.Equals(IPAddress.IPv6Any)
            ? "127.0.0.1"
            : bound.Address.ToString());
        var port = PublishedPort ?? bound?.Port
            ?? throw new InvalidOperationException($"Adapter '{Name}' is not bound to a TCP port yet; set PublishedPort or ask once the host has started.");
        IReadOnlyList<TaggedComponent> components = IiopVersion.IsAtLeast(1, 1)
            ? IiopComponents.StewardDefaults
            : [];
        return CorbaObjectReference.ForIiop(typeId, new IiopProfile(IiopVersion, host, checked((ushort)port), objectKey, components));
    }

    /// <summary>The <c>IOR:...</c> string of <see cref="CreateReference(string, string)"/>.</summary>
    public string CreateIor(string objectKey, string typeId = CorbaRepositoryIds.Object) => CreateReference(objectKey, typeId).ToString();

    internal IReadOnlyDictionary<string, string> Servants => _servants;

    internal void BindEndPoint(Func<EndPoint?> endPoint) => _boundEndPoint = endPoint;
}
