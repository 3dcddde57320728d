using System.ComponentModel;
using k8s.Models;
using Steward.Kube.Client;
using Steward.Kube.Crd;

namespace StewardOperator.Api.V1;

/// <summary>The wire protocols a Steward service can speak, and the port each one usually listens on.</summary>
public static class StewardProtocols
{
    public const string Grpc = "grpc";
    public const string Thrift = "thrift";
    public const string Ice = "ice";
    public const string Iiop = "iiop";

    public static readonly IReadOnlyList<string> All = [Grpc, Thrift, Ice, Iiop];

    /// <summary>
    /// grpc 50051: the port of gRPC's own examples (helloworld, route_guide); thrift 9090: the Thrift
    /// tutorial servers' default; ice 10000: the port of ZeroC's Ice demos (hello, callback); iiop 2809: IANA's
    /// registered port for CORBA IIOP naming/corbaloc. See docs/kube.md.
    /// </summary>
    public static int DefaultPort(string protocol) => protocol switch
    {
        Grpc => 50051,
        Thrift => 9090,
        Ice => 10000,
        Iiop => 2809,
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "not one of grpc, thrift, ice, iiop"),
    };
}

/// <summary>An RPC service to run: which image, how many replicas, which protocol on which port.</summary>
public sealed class StewardSpec
{
    [Description("The container image of the service.")]
    [Required, MinLength(1)]
    public string Image { get; set; } = "";

    [Description("How many pods to run; 1 when not given.")]
    [Minimum(0), Maximum(100)]
    public int? Replicas { get; set; }

    [Description("The wire protocol the service speaks; grpc when not given. It cannot change once set.")]
    [Enum(StewardProtocols.Grpc, StewardProtocols.Thrift, StewardProtocols.Ice, StewardProtocols.Iiop)]
    [MaxLength(16)]
    [XValidation("self == oldSelf", Message = "spec.protocol cannot be changed")]
    public string? Protocol { get; set; }

    [Description("The port the service listens on; the protocol's usual port when not given.")]
    [Minimum(1), Maximum(65535)]
    public int? Port { get; set; }
}

/// <summary>What the controller sees of the service.</summary>
public sealed class StewardStatus
{
    /// <summary>Pods the Deployment has (for the scale subresource).</summary>
    public int Replicas { get; set; }

    public int ReadyReplicas { get; set; }

    /// <summary>The label selector of the pods, as a string (for the scale subresource and HPA).</summary>
    public string? Selector { get; set; }

    /// <summary>The metadata.generation this status describes.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Ready and Progressing, as metav1.Condition.</summary>
    public IList<V1Condition>? Conditions { get; set; }
}

[KubernetesEntity(Group = "oam.crd.fp.net", ApiVersion = "v1", Kind = "Steward", PluralName = "stewards")]
[Description("Steward declares an RPC service (gRPC, Thrift, Ice or IIOP) that the operator runs as a Deployment and a Service.")]
[StatusSubresource]
[ScaleSubresource(SpecReplicasPath = ".spec.replicas", StatusReplicasPath = ".status.replicas", LabelSelectorPath = ".status.selector")]
[ShortName("stw"), Categories("all")]
[PrintColumn("Protocol", ".spec.protocol"), PrintColumn("Port", ".spec.port", Type = "integer")]
[PrintColumn("Desired", ".spec.replicas", Type = "integer"), PrintColumn("Ready", ".status.readyReplicas", Type = "integer")]
[PrintColumn("Image", ".spec.image", Priority = 1)]
[PrintColumn("Age", ".metadata.creationTimestamp", Type = "date")]
public sealed class Steward : CustomResource<StewardSpec, StewardStatus>
{
    public Steward()
    {
        ApiVersion = "oam.crd.fp.net/v1";
        Kind = "Steward";
    }

    /// <summary>The spec with defaults filled in, for when the defaulting webhook did not run (e.g. `steward kube run`).</summary>
    public (int Replicas, string Protocol, int Port) Effective()
    {
        string protocol = Spec.Protocol ?? StewardProtocols.Grpc;
        return (Spec.Replicas ?? 1, protocol, Spec.Port ?? StewardProtocols.DefaultPort(protocol));
    }
}
