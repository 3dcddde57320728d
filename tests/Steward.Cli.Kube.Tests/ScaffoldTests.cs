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
            if (File.Exists(Path.Combine(d.FullName, "Steward.slnx"))) return d.FullName;
        throw new InvalidOperationException("the Steward tree is not above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs the steward tool in this process, through its real entry point and argument parsing.</summary>
    private static int Steward(params string[] args)
    {
        var entry = System.Reflection.Assembly.Load("steward").EntryPoint!;
        return (int)entry.Invoke(null, [args])!;
    }

    private static (int Code, string Output) Dotnet(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    [Fact]
    public void A_fresh_scaffold_builds_its_tests_pass_and_manifests_are_generated()
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
                Assert.True(File.Exists(Path.Combine(root, file)), file + " was not written");
            string program = File.ReadAllText(Path.Combine(root, "src/StewardOperator/Program.cs"));
            Assert.Contains("AddController<global::StewardOperator.Controllers.StewardReconciler>", program, StringComparison.Ordinal);
            Assert.Contains("AddValidator(new global::StewardOperator.Webhooks.V1.StewardCustomValidator())", program, StringComparison.Ordinal);

            var (testCode, testOutput) = Dotnet(root, "test", "--solution", "StewardOperator.slnx", "-c", Configuration);
            Assert.True(testCode == 0, testOutput);
            Assert.Contains("succeeded: 4", testOutput, StringComparison.Ordinal);
            Assert.Contains("failed: 0", testOutput, StringComparison.Ordinal);

            Assert.Equal(0, Steward("kube", "manifests", "--dir", root));
            var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(File.ReadAllText(Path.Combine(root, "config/crd/bases/oam.crd.fp.net_stewards.yaml")));
            Assert.Equal("stewards.oam.crd.fp.net", crd.Metadata.Name);
            var webhooks = KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(root, "config/webhook/manifests.yaml")));
            Assert.Equal("/mutate-oam-crd-fp-net-v1-steward", ((V1MutatingWebhookConfiguration)webhooks[0]).Webhooks[0].ClientConfig.Service.Path);
            Assert.Equal("/validate-oam-crd-fp-net-v1-steward", ((V1ValidatingWebhookConfiguration)webhooks[1]).Webhooks[0].ClientConfig.Service.Path);
            var role = (V1ClusterRole)KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(root, "config/rbac/role.yaml")))[0];
            Assert.Contains(role.Rules, r => r.Resources.SequenceEqual(["stewards/status"]));
            Assert.True(File.Exists(Path.Combine(root, "config/manager/manager.yaml")));
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
            var error = new StringWriter();
            var old = Console.Error;
            Console.SetError(error);
            int code;
            try { code = Steward("kube", "create", "api", "--group", "oam", "--version", "v1", "--kind", "Steward", "--dir", dir.FullName); }
            finally { Console.SetError(old); }
            Assert.Equal(1, code);
            Assert.Contains("run `steward kube init --domain <domain>` first", error.ToString(), StringComparison.Ordinal);
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
            var error = new StringWriter();
            var old = Console.Error;
            Console.SetError(error);
            int code;
            try { code = Steward(["kube", "create", "api", .. args.SelectMany(a => new[] { a.Key, a.Value }), "--dir", dir.FullName]); }
            finally { Console.SetError(old); }
            Assert.Equal(1, code);
            Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
