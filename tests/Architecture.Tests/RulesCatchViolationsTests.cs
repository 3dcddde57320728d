namespace Steward.Architecture.Tests;

/// <summary>Each rule, shown on a made-up graph to report the violation it exists for.</summary>
public sealed class RulesCatchViolationsTests
{
    private static ProjectNode Node(string name, params string[] references) => new(name, "/src/" + name, references, []);

    private static ProjectGraph GraphOf(params ProjectNode[] nodes) => new(nodes);

    [Fact]
    public void An_unplaced_project_and_a_stale_placement_are_reported()
    {
        var graph = GraphOf(Node("Steward.Rpc"), Node("Steward.Rpc.Ice"));
        var placements = new Dictionary<string, Placement>
        {
            ["Steward.Rpc"] = new(Pillar.Rpc, "core"),
            ["Steward.Gone"] = new(Pillar.Rpc, "core"),
        };
        var violations = Rules.EveryProjectIsPlaced(graph, placements).ToList();
        Assert.Contains(violations, v => v.StartsWith("Steward.Rpc.Ice is not placed", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("Steward.Gone", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reference_outside_the_placement_is_reported()
    {
        var graph = GraphOf(Node("Steward.Rpc.Thrift", "Steward.Rpc", "Steward.Rpc.Protobuf"));
        var placements = new Dictionary<string, Placement> { ["Steward.Rpc.Thrift"] = new(Pillar.Rpc, "wire protocol", "Steward.Rpc") };
        Assert.Equal(["Steward.Rpc.Thrift references Steward.Rpc.Protobuf, which its placement does not allow"], Rules.ReferencesAreAllowed(graph, placements));
    }

    [Fact]
    public void A_core_that_references_a_protocol_or_takes_aspnetcore_is_reported()
    {
        var graph = GraphOf(new ProjectNode("Steward.Rpc", "/src/Steward.Rpc", ["Steward.Rpc.Grpc"], ["Microsoft.AspNetCore.App"]), Node("Steward.Rpc.Grpc"));
        Assert.Equal(2, Rules.CoreKnowsNoProtocolNorHost(graph).Count());
    }

    [Fact]
    public void Schema_reaching_codegen_is_reported()
    {
        var graph = GraphOf(Node("Steward.Rpc.Schema", "Steward.Rpc.CodeGen"), Node("Steward.Rpc.CodeGen"));
        Assert.Single(Rules.SchemaStandsAlone(graph));
    }

    [Fact]
    public void Codegen_reaching_a_runtime_assembly_through_another_is_reported()
    {
        var graph = GraphOf(Node("Steward.Rpc.Generator", "Steward.Rpc.CodeGen"), Node("Steward.Rpc.CodeGen", "Steward.Rpc.Schema", "Steward.Rpc.Protobuf"), Node("Steward.Rpc.Schema"), Node("Steward.Rpc.Protobuf"));
        var violations = Rules.BuildTimeReferencesNoRuntime(graph).ToList();
        Assert.Equal(2, violations.Count);
        Assert.All(violations, v => Assert.EndsWith("Steward.Rpc.Protobuf", v, StringComparison.Ordinal));
    }

    [Fact]
    public void A_codec_that_references_the_core_is_reported()
    {
        var graph = GraphOf(Node("Steward.Rpc.Protobuf", "Steward.Rpc"), Node("Steward.Rpc"));
        Assert.Single(Rules.CodecsKnowNoRpc(graph));
    }

    [Fact]
    public void A_protocol_reaching_another_transitively_is_reported()
    {
        var graph = GraphOf(Node("Steward.Rpc.Ice", "Steward.Helper"), Node("Steward.Helper", "Steward.Rpc.Grpc"), Node("Steward.Rpc.Grpc"));
        Assert.Equal(["the protocol Steward.Rpc.Ice references the protocol Steward.Rpc.Grpc"], Rules.ProtocolsAreIndependent(graph, ["Steward.Rpc.Ice", "Steward.Rpc.Grpc"]));
    }

    [Fact]
    public void The_linux_layer_referencing_cni_or_the_overlay_is_reported()
    {
        var graph = GraphOf(Node("Steward.Linux", "Steward.Cni", "Steward.Overlay"), Node("Steward.Cni"), Node("Steward.Overlay"));
        Assert.Equal(2, Rules.LinuxLayerIsTheBottom(graph).Count());
    }

    [Fact]
    public void Kubernetes_referencing_rpc_is_reported_but_the_tool_may_use_both()
    {
        var graph = GraphOf(Node("Steward.Kube", "Steward.Rpc"), Node("Steward.Rpc"), Node("Steward.Cli", "Steward.Kube", "Steward.Rpc"));
        var placements = new Dictionary<string, Placement>
        {
            ["Steward.Kube"] = new(Pillar.Kubernetes, "runtime", "Steward.Rpc"),
            ["Steward.Rpc"] = new(Pillar.Rpc, "core"),
            ["Steward.Cli"] = new(Pillar.Tool, "tool", "Steward.Kube", "Steward.Rpc"),
        };
        Assert.Equal(["Steward.Kube (Kubernetes) references Steward.Rpc (Rpc)"], Rules.PillarsDoNotReferenceEachOther(graph, placements));
    }
}
