namespace Steward.Architecture.Tests;

/// <summary>The pillars of docs/architecture.md. A project belongs to exactly one.</summary>
public enum Pillar
{
    /// <summary>IDL front-ends, code generation, codecs, the RPC core and the wire protocols.</summary>
    Rpc,
    /// <summary>Controller runtime, webhooks, CRD generation.</summary>
    Kubernetes,
    /// <summary>The Linux layer and everything built on it: CNI, the overlay, the 5G user plane.</summary>
    Networking,
    /// <summary>Pillar-neutral hosting pieces (Steward's Kestrel transport).</summary>
    Hosting,
    /// <summary>The `steward` command: the one project that may use every pillar.</summary>
    Tool,
}

/// <summary>Where a src/ project sits, and the Steward projects it may reference directly.</summary>
public sealed record Placement(Pillar Pillar, string Role, params string[] MayReference);

/// <summary>
/// The placement of every project under src/. A new project is added here, with the references
/// it is allowed, or <see cref="LayeringTests"/> fails: placing it is a design decision, made once.
/// </summary>
public static class Layering
{
    public static readonly IReadOnlyDictionary<string, Placement> Placements = new Dictionary<string, Placement>(StringComparer.Ordinal)
    {
        // Build time: IDL → schema model → C#. netstandard2.0, loaded inside the compiler.
        ["Steward.Rpc.Schema"] = new(Pillar.Rpc, "IDL front-ends and the neutral schema model"),
        ["Steward.Rpc.CodeGen"] = new(Pillar.Rpc, "schema model to C#", "Steward.Rpc.Schema"),
        ["Steward.Rpc.Generator"] = new(Pillar.Rpc, "Roslyn source generator", "Steward.Rpc.Schema", "Steward.Rpc.CodeGen"),
        // Run time.
        ["Steward.Rpc"] = new(Pillar.Rpc, "protocol-neutral core"),
        ["Steward.Rpc.Protobuf"] = new(Pillar.Rpc, "serialization (codec, usable without RPC)"),
        ["Steward.Rpc.Protobuf.Dynamic"] = new(Pillar.Rpc, "serialization tools (descriptor-driven codec, text and JSON)", "Steward.Rpc.Schema", "Steward.Rpc.Protobuf"),
        ["Steward.Rpc.Grpc"] = new(Pillar.Rpc, "wire protocol", "Steward.Rpc", "Steward.Rpc.Protobuf"),
        ["Steward.Rpc.Thrift"] = new(Pillar.Rpc, "wire protocol", "Steward.Rpc"),
        ["Steward.Rpc.Ice"] = new(Pillar.Rpc, "wire protocol", "Steward.Rpc"),
        ["Steward.Rpc.Corba"] = new(Pillar.Rpc, "wire protocol", "Steward.Rpc"),
        ["Steward.Hosting.Linux"] = new(Pillar.Hosting, "Kestrel transport"),
        ["Steward.Linux"] = new(Pillar.Networking, "Linux layer (netlink, namespaces, TUN)"),
        ["Steward.Cni"] = new(Pillar.Networking, "CNI SDK and runtime", "Steward.Linux"),
        ["Steward.Cni.Plugins"] = new(Pillar.Networking, "CNI plugins (NativeAOT executable)", "Steward.Cni", "Steward.Linux"),
        ["Steward.Pfcp"] = new(Pillar.Networking, "5G N4 control protocol (PFCP codec, reliable delivery, SMF side)"),
        ["Steward.Upf"] = new(Pillar.Networking, "5G user plane (GTP-U forwarding, the UPF's PFCP side)", "Steward.Pfcp", "Steward.Linux"),
        ["Steward.Kube.Abstractions"] = new(Pillar.Kubernetes, "kind identity shared by the runtime, webhooks and CRD generation"),
        ["Steward.Kube"] = new(Pillar.Kubernetes, "controller runtime", "Steward.Kube.Abstractions"),
        ["Steward.Kube.Crd"] = new(Pillar.Kubernetes, "CRD and manifest generation", "Steward.Kube.Abstractions"),
        ["Steward.Kube.Webhooks"] = new(Pillar.Kubernetes, "admission and conversion webhooks", "Steward.Kube.Abstractions"),
        ["Steward.Cli"] = new(Pillar.Tool, "the steward command",
            "Steward.Rpc.Schema", "Steward.Rpc.CodeGen", "Steward.Rpc.Protobuf", "Steward.Rpc.Protobuf.Dynamic", "Steward.Rpc.Corba",
            "Steward.Cni", "Steward.Linux", "Steward.Pfcp", "Steward.Upf", "Steward.Kube.Abstractions", "Steward.Kube", "Steward.Kube.Crd", "Steward.Kube.Webhooks"),
    };

    /// <summary>The wire-protocol assemblies: each is a codec + framing + transport on the core, and knows no other.</summary>
    public static IEnumerable<string> Protocols => Placements.Where(p => p.Value.Role == "wire protocol").Select(p => p.Key);
}
