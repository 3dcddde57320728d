namespace Steward.Architecture.Tests;

/// <summary>The rules of docs/architecture.md, held against the project files of src/.</summary>
public sealed class LayeringTests
{
    private static readonly ProjectGraph Graph = ProjectGraph.Load(ProjectGraph.FindRepoRoot());

    private static void NoViolations(IEnumerable<string> violations)
    {
        var list = violations.ToList();
        Assert.True(list.Count == 0, string.Join(Environment.NewLine, list));
    }

    [Fact]
    public void The_graph_is_read_from_src()
    {
        Assert.Contains(Graph.Nodes, n => n.Name == "Steward.Rpc");
        Assert.Contains("Steward.Rpc", Graph["Steward.Rpc.Grpc"].ProjectReferences);
    }

    [Fact]
    public void Every_src_project_is_placed_and_every_placement_exists() => NoViolations(Rules.EveryProjectIsPlaced(Graph, Layering.Placements));

    [Fact]
    public void Every_reference_is_one_its_placement_allows() => NoViolations(Rules.ReferencesAreAllowed(Graph, Layering.Placements));

    [Fact]
    public void The_core_references_no_protocol_and_no_aspnetcore() => NoViolations(Rules.CoreKnowsNoProtocolNorHost(Graph));

    [Fact]
    public void Schema_references_neither_codegen_nor_any_runtime() => NoViolations(Rules.SchemaStandsAlone(Graph));

    [Fact]
    public void Build_time_projects_reference_no_runtime_assembly() => NoViolations(Rules.BuildTimeReferencesNoRuntime(Graph));

    [Fact]
    public void The_protobuf_codec_references_no_rpc() => NoViolations(Rules.CodecsKnowNoRpc(Graph));

    [Fact]
    public void Protocol_assemblies_do_not_reference_each_other() => NoViolations(Rules.ProtocolsAreIndependent(Graph, Layering.Protocols));

    [Fact]
    public void The_linux_layer_references_nothing_built_on_it() => NoViolations(Rules.LinuxLayerIsTheBottom(Graph));

    [Fact]
    public void The_kubernetes_rpc_and_networking_pillars_do_not_reference_each_other() => NoViolations(Rules.PillarsDoNotReferenceEachOther(Graph, Layering.Placements));
}
