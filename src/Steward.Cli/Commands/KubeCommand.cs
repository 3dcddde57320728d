using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using k8s;
using Steward.Cli.Kube;

namespace Steward.Cli.Commands;

/// <summary>
/// <c>steward kube …</c>: the kubebuilder flow for C# operators — init, create api, create webhook,
/// manifests, install, deploy, run.
/// </summary>
internal static class KubeCommand
{
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The steward tool is not trimmed; manifests loads the operator by reflection.")]
    public static Command Create()
    {
        var kube = new Command("kube", "Scaffold, generate manifests for, install and run Kubernetes operators (the kubebuilder flow).");
        var dir = new Option<string>("--dir") { Description = "The project directory (default: the current directory).", DefaultValueFactory = _ => "." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "The kubeconfig file (default: $KUBECONFIG or ~/.kube/config)." };
        var context = new Option<string?>("--context") { Description = "The kubeconfig context (default: the current one)." };

        // init
        var domain = new Option<string>("--domain") { Description = "The domain of the API groups, e.g. crd.fp.net.", Required = true };
        var repo = new Option<string?>("--repo") { Description = "The project's name and root namespace (default: the directory's name in PascalCase)." };
        var stewardSrc = new Option<string?>("--steward-src")
        {
            Description = "Reference the Steward projects in this src/ directory (work inside the Steward tree) instead of the Steward packages at the tool's version.",
        };
        var init = new Command("init", "Start a new operator project: solution, manager program, test project, PROJECT file.") { domain, repo, stewardSrc, dir };
        init.SetAction(p => Guard(() =>
        {
            var steward = p.GetValue(stewardSrc) is { } src ? StewardReference.Projects(src) : StewardReference.Packages(ToolVersion.Package);
            Scaffolder.Init(p.GetValue(dir)!, p.GetValue(domain)!, p.GetValue(repo), steward, Console.Out);
        }));

        // create api / create webhook
        var group = new Option<string>("--group") { Description = "The API group's first label, e.g. oam.", Required = true };
        var version = new Option<string>("--version") { Description = "The API version, e.g. v1.", Required = true };
        var kind = new Option<string>("--kind") { Description = "The kind, e.g. Steward.", Required = true };
        var namespaced = new Option<bool>("--namespaced") { Description = "Namespaced (default) or cluster-scoped.", DefaultValueFactory = _ => true };
        var controller = new Option<bool>("--controller") { Description = "Also scaffold a controller (default).", DefaultValueFactory = _ => true };
        var api = new Command("api", "Add a kind: its C# types with markers, a controller, a test.") { group, version, kind, namespaced, controller, dir };
        api.SetAction(p => Guard(() => Scaffolder.CreateApi(p.GetValue(dir)!, p.GetValue(group)!, p.GetValue(version)!, p.GetValue(kind)!,
            p.GetValue(namespaced), p.GetValue(controller), Console.Out)));
        var defaulting = new Option<bool>("--defaulting") { Description = "A defaulting (mutating) webhook." };
        var validation = new Option<bool>("--programmatic-validation") { Description = "A validating webhook." };
        var conversion = new Option<bool>("--conversion") { Description = "A conversion webhook, with this version as the hub." };
        var webhook = new Command("webhook", "Add webhooks for a kind.") { group, version, kind, defaulting, validation, conversion, dir };
        webhook.SetAction(p => Guard(() => Scaffolder.CreateWebhook(p.GetValue(dir)!, p.GetValue(group)!, p.GetValue(version)!, p.GetValue(kind)!,
            p.GetValue(defaulting), p.GetValue(validation), p.GetValue(conversion), Console.Out)));
        var create = new Command("create", "Add an API or webhooks to the project.") { api, webhook };

        // manifests
        var certManager = new Option<bool>("--cert-manager") { Description = "Let cert-manager issue the webhook certificate (Issuer, Certificate, inject-ca-from)." };
        var image = new Option<string?>("--image") { Description = "The manager's container image." };
        var configuration = new Option<string>("--configuration", "-c") { Description = "The build configuration used to read the types.", DefaultValueFactory = _ => "Debug" };
        var manifests = new Command("manifests", "Generate config/: CRDs, RBAC, webhook configurations, the manager's Deployment.") { certManager, image, configuration, dir };
        manifests.SetAction(p => Guard(() =>
        {
            string root = Path.GetFullPath(p.GetValue(dir)!);
            var project = KubeProject.Load(root);
            ManifestBuilder.Write(root, ManifestBuilder.Generate(root, project, p.GetValue(certManager), p.GetValue(image), Console.Out, p.GetValue(configuration)!), Console.Out);
        }));

        // install / deploy
        var install = new Command("install", "Generate and apply the CRDs to the cluster of the current kubeconfig.") { dir, kubeconfig, context, configuration };
        install.SetAction((p, ct) => GuardAsync(async () =>
        {
            string root = Path.GetFullPath(p.GetValue(dir)!);
            var project = KubeProject.Load(root);
            var files = ManifestBuilder.Generate(root, project, false, null, Console.Out, p.GetValue(configuration)!);
            ManifestBuilder.Write(root, files, Console.Out);
            var crdFiles = files.Where(f => f.RelativePath.StartsWith("crd/", StringComparison.Ordinal)).Select(f => Path.Combine(root, "config", f.RelativePath));
            using var client = Connect(p.GetValue(kubeconfig), p.GetValue(context));
            await new Applier(client, Console.Out).ApplyAsync(Applier.Load(crdFiles), ct).ConfigureAwait(false);
        }));
        var deployImage = new Option<string>("--image") { Description = "The manager's container image.", Required = true };
        var deploy = new Command("deploy", "Generate and apply everything: CRDs, RBAC, webhooks, the manager running --image.") { deployImage, certManager, dir, kubeconfig, context, configuration };
        deploy.SetAction((p, ct) => GuardAsync(async () =>
        {
            string root = Path.GetFullPath(p.GetValue(dir)!);
            var project = KubeProject.Load(root);
            var files = ManifestBuilder.Generate(root, project, p.GetValue(certManager), p.GetValue(deployImage), Console.Out, p.GetValue(configuration)!);
            ManifestBuilder.Write(root, files, Console.Out);
            using var client = Connect(p.GetValue(kubeconfig), p.GetValue(context));
            await new Applier(client, Console.Out).ApplyAsync(Applier.Load(files.Select(f => Path.Combine(root, "config", f.RelativePath))), ct).ConfigureAwait(false);
        }));

        // run
        var run = new Command("run", "Run the manager here against the cluster of the current kubeconfig (webhooks off, as kubebuilder's make run).") { dir, kubeconfig };
        run.SetAction(p => Guard(() =>
        {
            string root = Path.GetFullPath(p.GetValue(dir)!);
            var project = KubeProject.Load(root);
            var env = new Dictionary<string, string> { ["ENABLE_WEBHOOKS"] = "false" };
            if (p.GetValue(kubeconfig) is { } path)
            {
                env["KUBECONFIG"] = Path.GetFullPath(path);
            }

            Dotnet.Run(["run", "--project", project.OperatorProjectPath(root), "--", "--http-bind-address=127.0.0.1:8081"], root, Console.Out, env, interactive: true);
        }));

        kube.Subcommands.Add(init);
        kube.Subcommands.Add(create);
        kube.Subcommands.Add(manifests);
        kube.Subcommands.Add(install);
        kube.Subcommands.Add(deploy);
        kube.Subcommands.Add(run);
        return kube;
    }

    private static Kubernetes Connect(string? kubeconfig, string? context)
    {
        try
        {
            return new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, context));
        }
        catch (k8s.Exceptions.KubeConfigException e)
        {
            throw new KubeCliException("kubeconfig: " + e.Message);
        }
    }

    private static int Guard(Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (KubeCliException e)
        {
            Console.Error.WriteLine("steward kube: " + e.Message);
            return 1;
        }
    }

    private static async Task<int> GuardAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
            return 0;
        }
        catch (KubeCliException e)
        {
            Console.Error.WriteLine("steward kube: " + e.Message);
            return 1;
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine("steward kube: cannot reach the API server: " + e.Message);
            return 1;
        }
    }
}
