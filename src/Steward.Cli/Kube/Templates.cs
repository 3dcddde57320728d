namespace Steward.Cli.Kube;

/// <summary>The files `steward kube` writes. Kept as plain text so a reader sees exactly what is generated.</summary>
internal static class Templates
{
    public const string ControllersMarker = "// +steward:scaffold:controllers";
    public const string WebhooksMarker = "// +steward:scaffold:webhooks";

    // The scaffold carries its own build settings so it builds the same inside the Steward tree
    // (where these files stop MSBuild's search upward) and anywhere else.
    public static string DirectoryBuildProps(StewardReference steward)
    {
        string source = steward.Source is { } src
            ? "    <!-- Where the Steward sources are; the operator references them as projects. -->\n" +
              $"    <StewardSrc>$(MSBuildThisFileDirectory){src}/</StewardSrc>\n"
            : "";
        return $$"""
            <Project>
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- NU1603: a package mirror may serve the next version up. -->
                <WarningsNotAsErrors>$(WarningsNotAsErrors);NU1603</WarningsNotAsErrors>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
            {{source}}  </PropertyGroup>
            </Project>

            """;
    }

    // Outside the Steward tree the packages are pinned to the version of the tool that wrote the scaffold,
    // as kubebuilder pins controller-runtime: the generated code is written against exactly that API.
    public static string DirectoryPackagesProps(StewardReference steward)
    {
        string packages = steward.Version is { } version
            ? $"    <PackageVersion Include=\"Steward.Kube\" Version=\"{version}\" />\n" +
              $"    <PackageVersion Include=\"Steward.Kube.Webhooks\" Version=\"{version}\" />\n" +
              $"    <PackageVersion Include=\"Steward.Kube.Crd\" Version=\"{version}\" />\n"
            : "";
        return $"""
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageVersion Include="KubernetesClient" Version="21.0.8" />
                <PackageVersion Include="xunit.v3" Version="4.0.2" />
            {packages}  </ItemGroup>
            </Project>

            """;
    }

    public const string GlobalJson = """
        {
          "sdk": { "version": "10.0.100", "rollForward": "latestFeature" },
          "test": { "runner": "Microsoft.Testing.Platform" }
        }

        """;

    public static string Solution(string repo) => $"""
        <Solution>
          <Project Path="src/{repo}/{repo}.csproj" />
          <Project Path="tests/{repo}.Tests/{repo}.Tests.csproj" />
        </Solution>

        """;

    public static string OperatorCsproj(StewardReference steward)
    {
        string[] libraries = ["Steward.Kube", "Steward.Kube.Webhooks", "Steward.Kube.Crd"];
        string references = string.Concat(libraries.Select(library => steward.Source is null
            ? $"    <PackageReference Include=\"{library}\" />\n"
            : $"    <ProjectReference Include=\"$(StewardSrc){library}/{library}.csproj\" />\n"));
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
              </PropertyGroup>
              <ItemGroup>
                <FrameworkReference Include="Microsoft.AspNetCore.App" />
                <PackageReference Include="KubernetesClient" />
            {references}  </ItemGroup>
            </Project>

            """;
    }

    public static string TestsCsproj(string repo) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <IsTestProject>true</IsTestProject>
            <IsPackable>false</IsPackable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="xunit.v3" />
            <Using Include="Xunit" />
            <ProjectReference Include="../../src/{repo}/{repo}.csproj" />
          </ItemGroup>
        </Project>

        """;

    public static string Program(string projectName) => $$"""
        using Microsoft.Extensions.Hosting;
        using Steward.Kube.Leader;
        using Steward.Kube.Manager;
        using Steward.Kube.Webhooks.Hosting;

        // The manager: controllers over a shared informer cache, leader election, /metrics, /healthz and /readyz,
        // and the webhook server. `steward kube create api|webhook` add their registrations at the markers.
        var builder = Host.CreateApplicationBuilder(args);
        bool leaderElect = args.Contains("--leader-elect");
        string http = args.FirstOrDefault(a => a.StartsWith("--http-bind-address=", StringComparison.Ordinal))?["--http-bind-address=".Length..] ?? ":8081";
        string ns = Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? "default";

        builder.Services.AddStewardControllers(options =>
        {
            options.HttpBindAddress = http.StartsWith(':') ? "0.0.0.0" + http : http;
            options.Component = "{{projectName}}";
            if (leaderElect)
                options.LeaderElection = new LeaderElectionOptions { LeaseName = "{{projectName}}-leader", LeaseNamespace = ns };
        });
        {{ControllersMarker}}

        builder.Services.AddStewardWebhooks(webhooks =>
        {
            {{WebhooksMarker}}
        });

        await builder.Build().RunAsync();

        """;

    public static string Types(string ns, string fullGroup, string version, string kind, string plural, bool namespaced) => $$"""
        using k8s.Models;
        using Steward.Kube.Client;
        using Steward.Kube.Crd;

        namespace {{ns}};

        /// <summary>The desired state of a {{kind}}. Markers ([Minimum], [Pattern], [Enum], …) become the CRD's validation.</summary>
        public sealed class {{kind}}Spec
        {
            /// <summary>An example field; replace it with the fields of your kind.</summary>
            [MaxLength(63)]
            public string? Foo { get; set; }
        }

        /// <summary>The observed state of a {{kind}}, written by its controller.</summary>
        public sealed class {{kind}}Status
        {
            public long? ObservedGeneration { get; set; }

            public IList<V1Condition>? Conditions { get; set; }
        }

        [KubernetesEntity(Group = "{{fullGroup}}", ApiVersion = "{{version}}", Kind = "{{kind}}", PluralName = "{{plural}}")]
        [StatusSubresource]{{(namespaced ? "" : "\n[Scope(ResourceScope.Cluster)]")}}
        [PrintColumn("Age", ".metadata.creationTimestamp", Type = "date")]
        public sealed class {{kind}} : CustomResource<{{kind}}Spec, {{kind}}Status>
        {
            public {{kind}}()
            {
                ApiVersion = "{{fullGroup}}/{{version}}";
                Kind = "{{kind}}";
            }
        }

        """;

    public static string Controller(string rootNs, string apiNs, string fullGroup, string kind, string plural) => $$"""
        using Steward.Kube.Cache;
        using Steward.Kube.Crd;
        using Steward.Kube.Reconcile;

        namespace {{rootNs}}.Controllers;

        using {{apiNs}};

        /// <summary>Drives the world toward each {{kind}}'s spec and reports what it sees in its status.</summary>
        [Rbac(Groups = "{{fullGroup}}", Resources = "{{plural}}", Verbs = "get;list;watch;create;update;patch;delete")]
        [Rbac(Groups = "{{fullGroup}}", Resources = "{{plural}}/status", Verbs = "get;update;patch")]
        [Rbac(Groups = "{{fullGroup}}", Resources = "{{plural}}/finalizers", Verbs = "update")]
        public sealed class {{kind}}Reconciler(IInformerCache cache) : IReconciler
        {
            public Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken ct)
            {
                var obj = cache.GetStore<{{kind}}>().Get(request.Namespace, request.Name);
                if (obj is null)
                {
                    // Deleted; owned objects go with it through their owner references.
                    return Task.FromResult(ReconcileResult.Done);
                }

                // Compare obj.Spec with the world, act (take an IKubeClient in the constructor to write),
                // then report in obj.Status.
                return Task.FromResult(ReconcileResult.Done);
            }
        }

        """;

    public static string ControllerRegistration(string rootNs, string apiNs, string kind) =>
        $"builder.Services.AddController<global::{rootNs}.Controllers.{kind}Reconciler>(b => b.For<global::{apiNs}.{kind}>());";

    public static string ApiTest(string rootNs, string apiNs, string fullGroup, string version, string kind, string plural) => $$"""
        using Steward.Kube.Crd.Schema;

        namespace {{rootNs}}.Tests;

        using {{apiNs}};

        public sealed class {{kind}}{{Pascal(version)}}ApiTests
        {
            [Fact]
            public void The_CRD_is_generated_from_the_type()
            {
                var crd = CrdGenerator.Generate([typeof({{kind}})]).Single();
                Assert.Equal("{{plural}}.{{fullGroup}}", crd.Metadata.Name);
                var version = Assert.Single(crd.Spec.Versions);
                Assert.Equal("{{version}}", version.Name);
                Assert.NotNull(version.Subresources?.Status);
                Assert.Equal("object", version.Schema.OpenAPIV3Schema.Properties["spec"].Type);
            }

            [Fact]
            public void A_new_object_carries_its_apiVersion_and_kind()
            {
                var obj = new {{kind}}();
                Assert.Equal("{{fullGroup}}/{{version}}", obj.ApiVersion);
                Assert.Equal("{{kind}}", obj.Kind);
            }
        }

        """;

    public static string Webhook(string rootNs, string apiNs, string version, string kind, bool defaulting, bool validation)
    {
        var text = new System.Text.StringBuilder($$"""
            using Steward.Kube.Crd;
            using Steward.Kube.Webhooks.Admission;

            namespace {{rootNs}}.Webhooks.{{Pascal(version)}};

            using {{apiNs}};

            """);
        if (defaulting)
        {
            text.Append($$"""

                /// <summary>Fills in defaults; what it changes is sent back to the API server as a JSON patch.</summary>
                [Webhook(typeof({{kind}}), WebhookType.Defaulting)]
                public sealed class {{kind}}CustomDefaulter : ICustomDefaulter<{{kind}}>
                {
                    public ValueTask DefaultAsync({{kind}} obj, CancellationToken cancellationToken)
                    {
                        ArgumentNullException.ThrowIfNull(obj);
                        return ValueTask.CompletedTask;
                    }
                }

                """);
        }
        if (validation)
        {
            text.Append($$"""

                /// <summary>Accepts or denies creates, updates and deletes; a denial's message is what kubectl shows.</summary>
                [Webhook(typeof({{kind}}), WebhookType.Validating, Verbs = "create;update")]
                public sealed class {{kind}}CustomValidator : ICustomValidator<{{kind}}>
                {
                    public ValueTask<ValidationResult> ValidateCreateAsync({{kind}} obj, CancellationToken cancellationToken) =>
                        ValueTask.FromResult(Validate(obj));

                    public ValueTask<ValidationResult> ValidateUpdateAsync({{kind}} oldObj, {{kind}} newObj, CancellationToken cancellationToken) =>
                        ValueTask.FromResult(Validate(newObj));

                    public ValueTask<ValidationResult> ValidateDeleteAsync({{kind}} obj, CancellationToken cancellationToken) =>
                        ValueTask.FromResult(ValidationResult.Allow());

                    private static ValidationResult Validate({{kind}} obj)
                    {
                        ArgumentNullException.ThrowIfNull(obj);
                        var errors = new List<string>();
                        return ValidationResult.FromErrors(errors);
                    }
                }

                """);
        }
        return text.ToString();
    }

    public static string WebhookTest(string rootNs, string apiNs, string version, string kind, bool defaulting, bool validation)
    {
        string v = Pascal(version);
        var text = new System.Text.StringBuilder($$"""
            namespace {{rootNs}}.Tests;

            using {{apiNs}};
            using {{rootNs}}.Webhooks.{{v}};

            public sealed class {{kind}}{{v}}WebhookTests
            {
            """);
        if (defaulting)
        {
            text.Append($$"""

                    [Fact]
                    public async Task Defaulting_keeps_the_object_valid()
                    {
                        var obj = new {{kind}}();
                        await new {{kind}}CustomDefaulter().DefaultAsync(obj, TestContext.Current.CancellationToken);
                        Assert.NotNull(obj.Spec);
                    }

                """);
        }
        if (validation)
        {
            text.Append($$"""

                    [Fact]
                    public async Task A_new_object_is_allowed()
                    {
                        var result = await new {{kind}}CustomValidator().ValidateCreateAsync(new {{kind}}(), TestContext.Current.CancellationToken);
                        Assert.True(result.Allowed, result.Message);
                    }

                """);
        }
        text.Append("}\n");
        return text.ToString();
    }

    public static string Dockerfile(string repo, StewardReference steward) => (steward.Source is null
        ? $"""
            # Build context: this directory; the Steward packages come from the feeds of your nuget.config.
            # docker build --build-arg PROJECT=src/{repo} .

            """
        : $"""
            # Build context: the directory holding both this project and the Steward sources it references
            # (see docs/kube.md). In the Steward tree: docker build -f samples/StewardOperator/Dockerfile --build-arg PROJECT=samples/StewardOperator/src/{repo} .

            """) + $$"""
        FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
        WORKDIR /src
        COPY . .
        ARG PROJECT
        RUN dotnet publish "$PROJECT" -c Release -o /out

        FROM mcr.microsoft.com/dotnet/aspnet:10.0
        WORKDIR /app
        COPY --from=build /out .
        USER 65532:65532
        ENTRYPOINT ["dotnet", "/app/{{repo}}.dll"]

        """;

    public static string Pascal(string version) => version.Length == 0 ? version : char.ToUpperInvariant(version[0]) + version[1..];
}
