using System.Text.RegularExpressions;

namespace Steward.Cli.Kube;

/// <summary>`steward kube init`, `create api` and `create webhook`: write files and keep PROJECT up to date.</summary>
internal static partial class Scaffolder
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex GroupPattern();

    [GeneratedRegex("^v[1-9][0-9]*((alpha|beta)[1-9][0-9]*)?$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex KindPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.]*$")]
    private static partial Regex RepoPattern();

    public static void Init(string root, string domain, string? repo, StewardReference steward, TextWriter log)
    {
        if (!DomainPattern().IsMatch(domain))
        {
            throw new KubeCliException($"--domain {domain}: expected a DNS domain such as crd.fp.net");
        }

        Directory.CreateDirectory(root);
        if (File.Exists(Path.Combine(root, KubeProject.FileName)))
        {
            throw new KubeCliException($"{root} already has a PROJECT file");
        }

        repo ??= ToPascal(Path.GetFileName(Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar)));
        if (!RepoPattern().IsMatch(repo))
        {
            throw new KubeCliException($"--repo {repo}: must be a C# namespace-like name, e.g. StewardOperator");
        }

        if (steward.Source is { } stewardSrc)
        {
            if (!File.Exists(Path.Combine(stewardSrc, "Steward.Kube", "Steward.Kube.csproj")))
            {
                throw new KubeCliException($"{stewardSrc} does not hold the Steward sources (no Steward.Kube/Steward.Kube.csproj); pass --steward-src");
            }
            // The scaffold keeps the path relative, so the tree and the operator can move together.
            steward = steward with { Source = Path.GetRelativePath(Path.GetFullPath(root), Path.GetFullPath(stewardSrc)).Replace('\\', '/') };
        }

        var project = new KubeProject { Domain = domain, Repo = repo, ProjectName = ToKebab(repo), StewardSrc = steward.Source, StewardVersion = steward.Version };
        Write(root, "Directory.Build.props", Templates.DirectoryBuildProps(steward), log);
        Write(root, "Directory.Packages.props", Templates.DirectoryPackagesProps(steward), log);
        Write(root, "global.json", Templates.GlobalJson, log);
        Write(root, repo + ".slnx", Templates.Solution(repo), log);
        Write(root, $"src/{repo}/{repo}.csproj", Templates.OperatorCsproj(steward), log);
        Write(root, $"src/{repo}/Program.cs", Templates.Program(project.ProjectName), log);
        Write(root, $"tests/{repo}.Tests/{repo}.Tests.csproj", Templates.TestsCsproj(repo), log);
        Write(root, "Dockerfile", Templates.Dockerfile(repo, steward), log);
        Write(root, ".gitignore", "bin/\nobj/\n", log);
        project.Save(root);
        log.WriteLine($"wrote {KubeProject.FileName}; next: steward kube create api --group <group> --version <version> --kind <Kind>");
    }

    public static void CreateApi(string root, string group, string version, string kind, bool namespaced, bool controller, TextWriter log)
    {
        var project = KubeProject.Load(root);
        CheckGvk(group, version, kind);
        if (project.Resources.Any(r => r.Group == group && r.Version == version && r.Kind == kind))
        {
            throw new KubeCliException($"{group}/{version} {kind} already exists in PROJECT");
        }

        var resource = new ProjectResource
        {
            Group = group,
            Domain = project.Domain,
            Version = version,
            Kind = kind,
            Plural = Pluralize(kind.ToLowerInvariant()),
            Namespaced = namespaced,
            Controller = controller,
        };
        string apiNs = ApiNamespace(project, version);
        string src = $"src/{project.Repo}";
        Write(root, $"{src}/Api/{Templates.Pascal(version)}/{kind}Types.cs",
            Templates.Types(apiNs, resource.FullGroup, version, kind, resource.Plural, namespaced), log);
        Write(root, $"tests/{project.Repo}.Tests/{kind}{Templates.Pascal(version)}ApiTests.cs",
            Templates.ApiTest(project.Repo, apiNs, resource.FullGroup, version, kind, resource.Plural), log);
        if (controller)
        {
            Write(root, $"{src}/Controllers/{kind}Reconciler.cs", Templates.Controller(project.Repo, apiNs, resource.FullGroup, kind, resource.Plural), log);
            InsertAtMarker(Path.Combine(root, src, "Program.cs"), Templates.ControllersMarker, Templates.ControllerRegistration(project.Repo, apiNs, kind));
        }
        project.Resources.Add(resource);
        project.Save(root);
    }

    public static void CreateWebhook(string root, string group, string version, string kind, bool defaulting, bool validation, bool conversion, TextWriter log)
    {
        var project = KubeProject.Load(root);
        CheckGvk(group, version, kind);
        if (!defaulting && !validation && !conversion)
        {
            throw new KubeCliException("say which webhooks: --defaulting, --programmatic-validation and/or --conversion");
        }

        var resource = project.Resources.FirstOrDefault(r => r.Group == group && r.Version == version && r.Kind == kind)
            ?? throw new KubeCliException($"{group}/{version} {kind} is not in PROJECT: run `steward kube create api` for it first");
        var webhooks = resource.Webhooks ??= new ProjectWebhooks();
        if ((defaulting && webhooks.Defaulting) || (validation && webhooks.Validation) || (conversion && webhooks.Conversion))
        {
            throw new KubeCliException($"{kind} {version} already has that webhook");
        }

        string apiNs = ApiNamespace(project, version);
        string v = Templates.Pascal(version);
        string program = Path.Combine(root, "src", project.Repo, "Program.cs");
        if (defaulting || validation)
        {
            Write(root, $"src/{project.Repo}/Webhooks/{v}/{kind}Webhook.cs", Templates.Webhook(project.Repo, apiNs, version, kind, defaulting, validation), log);
            Write(root, $"tests/{project.Repo}.Tests/{kind}{v}WebhookTests.cs", Templates.WebhookTest(project.Repo, apiNs, version, kind, defaulting, validation), log);
            if (defaulting)
            {
                InsertAtMarker(program, Templates.WebhooksMarker, $"webhooks.AddDefaulter(new global::{project.Repo}.Webhooks.{v}.{kind}CustomDefaulter());");
            }

            if (validation)
            {
                InsertAtMarker(program, Templates.WebhooksMarker, $"webhooks.AddValidator(new global::{project.Repo}.Webhooks.{v}.{kind}CustomValidator());");
            }
        }
        if (conversion)
        {
            // This version becomes the hub; spokes are added with .Spoke<T>() once other versions exist.
            string types = Path.Combine(root, "src", project.Repo, "Api", v, kind + "Types.cs");
            string text = File.ReadAllText(types);
            string entity = "[KubernetesEntity(";
            int at = text.IndexOf(entity, StringComparison.Ordinal);
            if (at < 0)
            {
                throw new KubeCliException($"{types}: no [KubernetesEntity] to mark as the conversion hub");
            }

            File.WriteAllText(types, text.Insert(at, "[ConversionWebhook, StorageVersion]\n"));
            InsertAtMarker(program, Templates.WebhooksMarker, $"webhooks.AddConversion<global::{apiNs}.{kind}>();");
            log.WriteLine($"marked {kind} {version} as the conversion hub in {Path.GetRelativePath(root, types)}");
        }
        webhooks.Defaulting |= defaulting;
        webhooks.Validation |= validation;
        webhooks.Conversion |= conversion;
        project.Save(root);
    }

    private static string ApiNamespace(KubeProject project, string version) => $"{project.Repo}.Api.{Templates.Pascal(version)}";

    private static void CheckGvk(string group, string version, string kind)
    {
        if (!GroupPattern().IsMatch(group))
        {
            throw new KubeCliException($"--group {group}: expected a lower-case DNS label such as oam");
        }

        if (!VersionPattern().IsMatch(version))
        {
            throw new KubeCliException($"--version {version}: expected v1, v2beta1, v1alpha2, …");
        }

        if (!KindPattern().IsMatch(kind))
        {
            throw new KubeCliException($"--kind {kind}: expected an upper-camel-case name such as Steward");
        }
    }

    private static void InsertAtMarker(string path, string marker, string line)
    {
        string text = File.ReadAllText(path);
        int at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new KubeCliException($"{path}: the marker \"{marker}\" is gone; add the line yourself: {line}");
        }

        int lineStart = text.LastIndexOf('\n', at) + 1;
        string indent = text[lineStart..at];
        File.WriteAllText(path, text.Insert(lineStart, indent + line + "\n"));
    }

    private static void Write(string root, string relative, string content, TextWriter log)
    {
        string path = Path.Combine(root, relative);
        if (File.Exists(path))
        {
            throw new KubeCliException($"{path} exists; not overwriting it");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        log.WriteLine("wrote " + relative);
    }

    public static string Pluralize(string singular) => Steward.Kube.EntityKind.Pluralize(singular);

    public static string ToPascal(string name)
    {
        var parts = name.Split(['-', '_', '.', ' '], StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(parts.Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    public static string ToKebab(string name)
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c) && i > 0 && name[i - 1] != '.' && !char.IsUpper(name[i - 1]))
            {
                text.Append('-');
            }

            text.Append(c == '.' || c == '_' ? '-' : char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
