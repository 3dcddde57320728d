using System.Xml.Linq;

namespace Steward.Architecture.Tests;

/// <summary>One project of the repository as its .csproj declares it.</summary>
public sealed record ProjectNode(string Name, string Directory, IReadOnlyList<string> ProjectReferences, IReadOnlyList<string> FrameworkReferences);

/// <summary>The project reference graph of src/, read from the .csproj files.</summary>
public sealed class ProjectGraph
{
    private readonly Dictionary<string, ProjectNode> _nodes;

    public ProjectGraph(IEnumerable<ProjectNode> nodes)
    {
        _nodes = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<ProjectNode> Nodes => _nodes.Values;

    public ProjectNode this[string name] => _nodes[name];

    public bool Contains(string name) => _nodes.ContainsKey(name);

    /// <summary>Every project <paramref name="name"/> reaches through project references, itself excluded.</summary>
    public IReadOnlySet<string> Closure(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(name);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (!_nodes.TryGetValue(current, out var node))
            {
                continue;
            }
            foreach (var reference in node.ProjectReferences)
            {
                if (seen.Add(reference))
                {
                    stack.Push(reference);
                }
            }
        }
        seen.Remove(name);
        return seen;
    }

    /// <summary>Reads every src/*/*.csproj under <paramref name="repoRoot"/>.</summary>
    public static ProjectGraph Load(string repoRoot)
    {
        var nodes = new List<ProjectNode>();
        foreach (var csproj in Directory.EnumerateFiles(Path.Combine(repoRoot, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            nodes.Add(Read(csproj));
        }
        return new ProjectGraph(nodes);
    }

    private static ProjectNode Read(string csproj)
    {
        var doc = XDocument.Load(csproj);
        var dir = Path.GetDirectoryName(csproj)!;
        // A reference names the referenced project by its file: the project's name is the file name.
        var projects = doc.Descendants("ProjectReference")
            .Select(e => (string?)e.Attribute("Include"))
            .Where(p => p is not null)
            .Select(p => Path.GetFileNameWithoutExtension(p!.Replace('\\', '/')))
            .ToList();
        var frameworks = doc.Descendants("FrameworkReference")
            .Select(e => (string?)e.Attribute("Include"))
            .Where(p => p is not null)
            .Select(p => p!)
            .ToList();
        return new ProjectNode(Path.GetFileNameWithoutExtension(csproj), dir, projects, frameworks);
    }

    /// <summary>The repository root: the nearest directory above the test binaries that holds Steward.slnx.</summary>
    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Steward.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Steward.slnx not found above " + AppContext.BaseDirectory);
    }
}
