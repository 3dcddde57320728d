namespace Steward.Architecture.Tests;

/// <summary>
/// The dependency rules of docs/architecture.md, each a function from the graph to its violations,
/// so the tests can show on a made-up graph that every rule does catch what it forbids.
/// </summary>
public static class Rules
{
    public static IEnumerable<string> EveryProjectIsPlaced(ProjectGraph graph, IReadOnlyDictionary<string, Placement> placements)
    {
        foreach (var node in graph.Nodes.Where(n => !placements.ContainsKey(n.Name)))
        {
            yield return $"{node.Name} is not placed: add it to Layering.Placements with its pillar and allowed references (docs/architecture.md says where things go)";
        }
        foreach (var name in placements.Keys.Where(n => !graph.Contains(n)))
        {
            yield return $"Layering.Placements names {name}, which is not a project under src/";
        }
    }

    public static IEnumerable<string> ReferencesAreAllowed(ProjectGraph graph, IReadOnlyDictionary<string, Placement> placements)
    {
        foreach (var node in graph.Nodes)
        {
            if (!placements.TryGetValue(node.Name, out var placement))
            {
                continue;
            }
            foreach (var reference in node.ProjectReferences.Where(r => !placement.MayReference.Contains(r, StringComparer.Ordinal)))
            {
                yield return $"{node.Name} references {reference}, which its placement does not allow";
            }
        }
    }

    /// <summary>The core names no wire format: it references no Steward project and no ASP.NET Core.</summary>
    public static IEnumerable<string> CoreKnowsNoProtocolNorHost(ProjectGraph graph)
    {
        const string Core = "Steward.Rpc";
        if (!graph.Contains(Core))
        {
            yield break;
        }
        foreach (var reference in graph.Closure(Core))
        {
            yield return $"the core {Core} references {reference}";
        }
        foreach (var framework in graph[Core].FrameworkReferences)
        {
            yield return $"the core {Core} takes the shared framework {framework}; it needs only the Microsoft.Extensions abstractions packages";
        }
    }

    /// <summary>Front-ends are usable alone (by the generator, by tools): Schema references neither CodeGen nor any runtime.</summary>
    public static IEnumerable<string> SchemaStandsAlone(ProjectGraph graph)
    {
        const string Schema = "Steward.Rpc.Schema";
        if (!graph.Contains(Schema))
        {
            yield break;
        }
        foreach (var reference in graph.Closure(Schema))
        {
            yield return $"{Schema} references {reference}";
        }
    }

    /// <summary>Code generation runs inside the compiler: it may see the schema model, never a runtime assembly.</summary>
    public static IEnumerable<string> BuildTimeReferencesNoRuntime(ProjectGraph graph)
    {
        string[] buildTime = ["Steward.Rpc.CodeGen", "Steward.Rpc.Generator"];
        string[] allowed = ["Steward.Rpc.Schema", "Steward.Rpc.CodeGen"];
        foreach (var project in buildTime.Where(graph.Contains))
        {
            foreach (var reference in graph.Closure(project).Where(r => !allowed.Contains(r)))
            {
                yield return $"{project} (build time) references the runtime assembly {reference}";
            }
        }
    }

    /// <summary>A codec is usable with no RPC at all, as Google.Protobuf is.</summary>
    public static IEnumerable<string> CodecsKnowNoRpc(ProjectGraph graph)
    {
        foreach (var codec in new[] { "Steward.Rpc.Protobuf" }.Where(graph.Contains))
        {
            foreach (var reference in graph.Closure(codec))
            {
                yield return $"the codec {codec} references {reference}";
            }
        }
    }

    /// <summary>Wire protocols plug into the core side by side; none references another.</summary>
    public static IEnumerable<string> ProtocolsAreIndependent(ProjectGraph graph, IEnumerable<string> protocols)
    {
        var set = protocols.Where(graph.Contains).ToHashSet(StringComparer.Ordinal);
        foreach (var protocol in set)
        {
            foreach (var reference in graph.Closure(protocol).Where(set.Contains))
            {
                yield return $"the protocol {protocol} references the protocol {reference}";
            }
        }
    }

    /// <summary>The Linux layer is the bottom of networking: CNI, the overlay and the user plane build on it, never the reverse.</summary>
    public static IEnumerable<string> LinuxLayerIsTheBottom(ProjectGraph graph)
    {
        const string Linux = "Steward.Linux";
        if (!graph.Contains(Linux))
        {
            yield break;
        }
        string[] above = ["Steward.Cni", "Steward.Overlay", "Steward.Pfcp", "Steward.Upf"];
        foreach (var reference in graph.Closure(Linux).Where(r => above.Any(a => r.StartsWith(a, StringComparison.Ordinal))))
        {
            yield return $"{Linux} references {reference}, which is built on it";
        }
    }

    /// <summary>The pillars are separate products: only the tool combines them.</summary>
    public static IEnumerable<string> PillarsDoNotReferenceEachOther(ProjectGraph graph, IReadOnlyDictionary<string, Placement> placements)
    {
        foreach (var node in graph.Nodes)
        {
            if (!placements.TryGetValue(node.Name, out var from) || from.Pillar is Pillar.Tool)
            {
                continue;
            }
            foreach (var reference in graph.Closure(node.Name))
            {
                if (placements.TryGetValue(reference, out var to) && to.Pillar != from.Pillar && to.Pillar != Pillar.Hosting)
                {
                    yield return $"{node.Name} ({from.Pillar}) references {reference} ({to.Pillar})";
                }
                if (placements.TryGetValue(reference, out to) && to.Pillar is Pillar.Tool)
                {
                    yield return $"{node.Name} references the tool {reference}";
                }
            }
        }
    }
}
