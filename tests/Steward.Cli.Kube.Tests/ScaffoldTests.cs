using System.Diagnostics;
using k8s;
using k8s.Models;

namespace Steward.Cli.Kube.Tests;

/// <summary>
/// The kubebuilder flow end to end: init, create api, create webhook, then the scaffold must build and its
/// own tests pass, and manifests must produce the config/ tree. One scaffold, one build — it is slow.
/// </summary>
public sealed class ScaffoldTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Steward.slnx")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("the Steward tree is not above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs the steward tool in this process, through its real entry point and argument parsing.</summary>
    private static int Steward(params string[] args)
    {
        var entry = System.Reflection.Assembly.Load("steward").EntryPoint!;
        var output = new StringWriter();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(output);
        try
        {
            int code = (int)entry.Invoke(null, [args])!;
            if (code != 0)
            {
                oldError.WriteLine(output.ToString());
            }

            LastOutput = output.ToString();
            return code;
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    private static string LastOutput { get; set; } = "";

    private static (int Code, string Output) Dotnet(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // Reused MSBuild nodes and build servers inherit our pipes and outlive the command: without these
        // the output would never reach end-of-file.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', args)} did not finish");
        }
        Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(30));
        return (process.ExitCode, (stdout.IsCompletedSuccessfully ? stdout.Result : "") + (stderr.IsCompletedSuccessfully ? stderr.Result : ""));
    }

    [Fact]
    public async Task A_fresh_scaffold_builds_its_tests_pass_manifests_are_generated_and_install_applies_the_CRD()
    {
        var dir = Directory.CreateTempSubdirectory("steward-kube-scaffold-");
        try
        {
            string root = dir.FullName;
            string src = Path.Combine(RepoRoot(), "src");
            Assert.Equal(0, Steward("kube", "init", "--domain", "crd.fp.net", "--repo", "StewardOperator", "--dir", root, "--steward-src", src));
            Assert.Equal(0, Steward("kube", "create", "api", "--group", "oam", "--version", "v1", "--kind", "Steward", "--dir", root));
            Assert.Equal(0, Steward("kube", "create", "webhook", "--group", "oam", "--version", "v1", "--kind", "Steward",
                "--defaulting", "--programmatic-validation", "--dir", root));

            foreach (var file in new[] { "PROJECT", "StewardOperator.slnx", "src/StewardOperator/Program.cs", "src/StewardOperator/Api/V1/StewardTypes.cs",
                         "src/StewardOperator/Controllers/StewardReconciler.cs", "src/StewardOperator/Webhooks/V1/StewardWebhook.cs",
                         "tests/StewardOperator.Tests/StewardV1ApiTests.cs", "tests/StewardOperator.Tests/StewardV1WebhookTests.cs" })
            {
                Assert.True(File.Exists(Path.Combine(root, file)), file + " was not written");
            }

            string program = File.ReadAllText(Path.Combine(root, "src/StewardOperator/Program.cs"));
            Assert.Contains("AddController<global::StewardOperator.Controllers.StewardReconciler>", program, StringComparison.Ordinal);
            Assert.Contains("AddValidator(new global::StewardOperator.Webhooks.V1.StewardCustomValidator())", program, StringComparison.Ordinal);

            var (testCode, testOutput) = Dotnet(root, "test", "--solution", "StewardOperator.slnx", "-c", Configuration);
            Assert.True(testCode == 0, testOutput);
            Assert.Contains("succeeded: 4", testOutput, StringComparison.Ordinal);
            Assert.Contains("failed: 0", testOutput, StringComparison.Ordinal);

            Assert.Equal(0, Steward("kube", "manifests", "-c", Configuration, "--dir", root));
            var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(File.ReadAllText(Path.Combine(root, "config/crd/bases/oam.crd.fp.net_stewards.yaml")));
            Assert.Equal("stewards.oam.crd.fp.net", crd.Metadata.Name);
            var webhooks = KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(root, "config/webhook/manifests.yaml")));
            Assert.Equal("/mutate-oam-crd-fp-net-v1-steward", ((V1MutatingWebhookConfiguration)webhooks[0]).Webhooks[0].ClientConfig.Service.Path);
            Assert.Equal("/validate-oam-crd-fp-net-v1-steward", ((V1ValidatingWebhookConfiguration)webhooks[1]).Webhooks[0].ClientConfig.Service.Path);
            var role = (V1ClusterRole)KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(root, "config/rbac/role.yaml")))[0];
            Assert.Contains(role.Rules, r => r.Resources.SequenceEqual(["stewards/status"]));
            Assert.True(File.Exists(Path.Combine(root, "config/manager/manager.yaml")));

            // install, twice (create, then replace), against the Kubernetes API server double.
            await using var server = await global::Steward.Kube.TestApiServer.TestApiServer.StartAsync();
            string kubeconfig = Path.Combine(root, "kubeconfig");
            await File.WriteAllTextAsync(kubeconfig, server.Kubeconfig(), TestContext.Current.CancellationToken);
            Assert.Equal(0, Steward("kube", "install", "-c", Configuration, "--dir", root, "--kubeconfig", kubeconfig));
            Assert.Contains("customresourcedefinition/stewards.oam.crd.fp.net created", LastOutput, StringComparison.Ordinal);
            Assert.Equal(0, Steward("kube", "install", "-c", Configuration, "--dir", root, "--kubeconfig", kubeconfig));
            Assert.Contains("customresourcedefinition/stewards.oam.crd.fp.net configured", LastOutput, StringComparison.Ordinal);
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
            var installed = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("stewards.oam.crd.fp.net", cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal("Steward", installed.Spec.Names.Kind);
            Assert.Equal(1, server.RequestCount("create", "customresourcedefinitions"));
            Assert.Equal(1, server.RequestCount("update", "customresourcedefinitions"));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Create_api_before_init_says_what_to_do()
    {
        var dir = Directory.CreateTempSubdirectory("steward-kube-empty-");
        try
        {
            Assert.Equal(1, Steward("kube", "create", "api", "--group", "oam", "--version", "v1", "--kind", "Steward", "--dir", dir.FullName));
            Assert.Contains("run `steward kube init --domain <domain>` first", LastOutput, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Theory]
    [InlineData("--group", "OAM", "--group OAM: expected a lower-case DNS label such as oam")]
    [InlineData("--version", "1", "--version 1: expected v1, v2beta1, v1alpha2, …")]
    [InlineData("--kind", "steward", "--kind steward: expected an upper-camel-case name such as Steward")]
    public void Bad_names_are_refused_with_the_rule(string option, string value, string message)
    {
        var dir = Directory.CreateTempSubdirectory("steward-kube-names-");
        try
        {
            Assert.Equal(0, Steward("kube", "init", "--domain", "crd.fp.net", "--dir", dir.FullName, "--steward-src", Path.Combine(RepoRoot(), "src")));
            var args = new Dictionary<string, string> { ["--group"] = "oam", ["--version"] = "v1", ["--kind"] = "Steward" };
            args[option] = value;
            Assert.Equal(1, Steward(["kube", "create", "api", .. args.SelectMany(a => new[] { a.Key, a.Value }), "--dir", dir.FullName]));
            Assert.Contains(message, LastOutput, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Without_steward_src_the_scaffold_references_the_Steward_packages_at_the_tools_own_version()
    {
        var dir = Directory.CreateTempSubdirectory("steward-kube-packages-");
        try
        {
            Assert.Equal(0, Steward("kube", "init", "--domain", "crd.fp.net", "--repo", "StewardOperator", "--dir", dir.FullName));
            string informational = System.Reflection.Assembly.Load("steward")
                .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
                .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
            string version = informational.Split('+')[0];

            string packageVersions = File.ReadAllText(Path.Combine(dir.FullName, "Directory.Packages.props"));
            foreach (var library in new[] { "Steward.Kube", "Steward.Kube.Webhooks", "Steward.Kube.Crd" })
            {
                Assert.Contains($"<PackageVersion Include=\"{library}\" Version=\"{version}\" />", packageVersions, StringComparison.Ordinal);
            }
            string operatorProject = File.ReadAllText(Path.Combine(dir.FullName, "src", "StewardOperator", "StewardOperator.csproj"));
            Assert.Contains("<PackageReference Include=\"Steward.Kube.Webhooks\" />", operatorProject, StringComparison.Ordinal);
            Assert.DoesNotContain("ProjectReference", operatorProject, StringComparison.Ordinal);
            Assert.DoesNotContain("StewardSrc", File.ReadAllText(Path.Combine(dir.FullName, "Directory.Build.props")), StringComparison.Ordinal);
            Assert.Contains("stewardVersion: " + version, File.ReadAllText(Path.Combine(dir.FullName, "PROJECT")), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
