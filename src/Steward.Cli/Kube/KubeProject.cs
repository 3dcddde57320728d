using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Steward.Cli.Kube;

/// <summary>One kind in the PROJECT file.</summary>
internal sealed class ProjectResource
{
    public string Group { get; set; } = "";
    public string Domain { get; set; } = "";
    public string Version { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Plural { get; set; } = "";
    public bool Namespaced { get; set; } = true;
    public bool Controller { get; set; }
    public ProjectWebhooks? Webhooks { get; set; }

    [YamlIgnore]
    public string FullGroup => Group + "." + Domain;
}

/// <summary>The webhooks `create webhook` scaffolded for one kind in the PROJECT file.</summary>
internal sealed class ProjectWebhooks
{
    public bool Defaulting { get; set; }
    public bool Validation { get; set; }
    public bool Conversion { get; set; }
}

/// <summary>
/// The PROJECT file at the root of a scaffolded operator, like kubebuilder's: the domain, the names,
/// where the Steward sources are, and every kind created so far.
/// </summary>
internal sealed class KubeProject
{
    public const string FileName = "PROJECT";

    public string Layout { get; set; } = "steward.dotnet/v1";
    public string Domain { get; set; } = "";
    public string ProjectName { get; set; } = "";
    public string Repo { get; set; } = "";

    /// <summary>The Steward src/ directory, relative to the project root, when the operator references the sources.</summary>
    public string? StewardSrc { get; set; }

    /// <summary>The version of the Steward packages the operator references (the tool's own at init), when it uses packages.</summary>
    public string? StewardVersion { get; set; }

    public string Image { get; set; } = "controller:latest";
    public List<ProjectResource> Resources { get; set; } = [];

    public string OperatorProjectPath(string root) => Path.Combine(root, "src", Repo, Repo + ".csproj");

    public static KubeProject Load(string root)
    {
        string path = Path.Combine(root, FileName);
        if (!File.Exists(path))
        {
            throw new KubeCliException($"{path} not found: run `steward kube init --domain <domain>` first, or pass --dir");
        }

        try
        {
            var project = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).IgnoreUnmatchedProperties().Build()
                .Deserialize<KubeProject>(File.ReadAllText(path));
            if (project is null || string.IsNullOrEmpty(project.Domain) || string.IsNullOrEmpty(project.Repo))
            {
                throw new KubeCliException($"{path}: domain and repo are required");
            }

            return project;
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new KubeCliException($"{path}: {e.Message}");
        }
    }

    public void Save(string root)
    {
        var yaml = new SerializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance)
            .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull).Build().Serialize(this);
        File.WriteAllText(Path.Combine(root, FileName), "# Written by `steward kube`; it reads this file to know the project. Edit with care.\n" + yaml);
    }
}

/// <summary>
/// How a scaffolded operator gets Steward: the packages at <see cref="Version"/> (outside this tree), or the
/// projects under <see cref="Source"/> (the src/ directory, for work inside the Steward tree). Exactly one is set.
/// </summary>
internal sealed record StewardReference(string? Source, string? Version)
{
    public static StewardReference Packages(string version) => new(null, version);

    public static StewardReference Projects(string source) => new(source, null);
}

/// <summary>A problem the user can fix; printed without a stack trace.</summary>
internal sealed class KubeCliException(string message) : Exception(message)
{
    public KubeCliException() : this("steward kube failed") { }
    public KubeCliException(string message, Exception inner) : this(message + ": " + inner.Message) { }
}
