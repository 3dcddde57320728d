using Steward.Rpc.Corba;

namespace CorbaTest.Server;

/// <summary>The one object this server serves: its key, and its reference once the adapter's endpoint is bound.</summary>
public sealed class ServedObject
{
    /// <summary>The object key, as the omniORB server's persistent object id.</summary>
    public const string Key = "StewardTest";

    /// <summary>The adapter of the IIOP endpoint (set when Kestrel configures it).</summary>
    public CorbaObjectAdapterOptions? Adapter { get; set; }

    /// <summary>A reference to the object, typed as the contract's interface.</summary>
    public CorbaObjectReference Reference => Bound.CreateReference(Key, TypeId);

    /// <summary>The reference as a stringified IOR.</summary>
    public string Ior => Bound.CreateIor(Key, TypeId);

    private const string TypeId = "IDL:Test/Operations:1.0";

    private CorbaObjectAdapterOptions Bound => Adapter ?? throw new InvalidOperationException("The IIOP endpoint is not configured yet.");
}
