using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;
using k8s;
using k8s.Models;
using Steward.Kube.Crd.Schema;

namespace Steward.Kube.Crd.Manifests;

/// <summary>What to name and how to deploy the operator the manifests describe.</summary>
public sealed class ManifestOptions
{
    /// <summary>Prefix of every object's name, like kubebuilder's kustomize namePrefix (e.g. "steward-operator").</summary>
    public required string ProjectName { get; init; }

    private readonly string? _namespace;

    /// <summary>The namespace the manager runs in ("&lt;project&gt;-system" by default).</summary>
    public string Namespace { get => _namespace ?? ProjectName + "-system"; init => _namespace = value; }

    /// <summary>The manager's container image in the Deployment.</summary>
    public string Image { get; init; } = "controller:latest";

    /// <summary>cert-manager issues the serving certificate and injects the CA; otherwise the manager bootstraps its own.</summary>
    public bool CertManager { get; init; }

    /// <summary>The port the manager serves webhooks on, behind the webhook Service's 443.</summary>
    public int WebhookPort { get; init; } = 9443;

    /// <summary>Where the manager serves /metrics, /healthz and /readyz.</summary>
    public int HttpPort { get; init; } = 8081;

    /// <summary>The manager's ServiceAccount, which the RBAC bindings name.</summary>
    public string ServiceAccountName => ProjectName + "-controller-manager";
    /// <summary>The Service in front of the webhook server.</summary>
    public string WebhookServiceName => ProjectName + "-webhook-service";
    /// <summary>The MutatingWebhookConfiguration's name.</summary>
    public string MutatingConfigurationName => ProjectName + "-mutating-webhook-configuration";
    /// <summary>The ValidatingWebhookConfiguration's name.</summary>
    public string ValidatingConfigurationName => ProjectName + "-validating-webhook-configuration";
    /// <summary>The cert-manager Certificate for the webhook Service, when <see cref="CertManager"/> is set.</summary>
    public string CertificateName => ProjectName + "-serving-cert";
    /// <summary>The Secret that holds the webhook server's key and certificate (kubebuilder's name).</summary>
    public const string WebhookSecretName = "webhook-server-cert";
}

/// <summary>One file of the config/ tree and the objects in it.</summary>
public sealed record ManifestFile(string RelativePath, IReadOnlyList<object> Objects)
{
    /// <summary>The objects as a multi-document YAML stream.</summary>
    public string ToYaml()
    {
        var text = new StringBuilder();
        for (int i = 0; i < Objects.Count; i++)
        {
            if (i > 0)
            {
                text.Append("---\n");
            }

            text.Append(KubernetesYaml.Serialize(Objects[i]).TrimEnd('\n')).Append('\n');
        }
        return text.ToString();
    }
}

/// <summary>
/// Everything a kubebuilder project keeps under config/: CRDs, RBAC, webhook configurations, the manager's
/// Namespace/Deployment/Services, and cert-manager's Issuer/Certificate when asked for.
/// </summary>
[RequiresUnreferencedCode("Reads the resource types and markers by reflection; run it at tool time.")]
public static class ManifestSet
{
    /// <summary>Every type with [KubernetesEntity] in <paramref name="assembly"/> whose group is not a built-in one.</summary>
    public static IReadOnlyList<Type> ResourceTypes(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return LoadableTypes(assembly).Where(t => t.GetCustomAttribute<KubernetesEntityAttribute>() is { Group: { Length: > 0 } g } && g.Contains('.', StringComparison.Ordinal)
                && t.Assembly == assembly && !t.IsAbstract)
            .OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();
    }

    /// <summary>The types of <paramref name="assembly"/> that load; those whose dependencies are missing are skipped rather than failing the whole scan.</summary>
    public static IReadOnlyList<Type> LoadableTypes(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        try { return assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.Where(t => t is not null).ToList()!; }
    }

    /// <summary>
    /// The config/ tree for the operator in <paramref name="assembly"/>: CRDs for its [KubernetesEntity] types with a
    /// dotted group, and RBAC and webhook manifests from the markers on its types and on the assembly.
    /// </summary>
    public static IReadOnlyList<ManifestFile> Generate(Assembly assembly, ManifestOptions options)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var types = LoadableTypes(assembly);
        return Generate(ResourceTypes(assembly), types, [assembly], options);
    }

    /// <summary>
    /// The config/ tree for <paramref name="resourceTypes"/> (one CRD per kind), with RBAC and webhook manifests from the
    /// markers on <paramref name="allTypes"/> and on <paramref name="assemblies"/>.
    /// </summary>
    public static IReadOnlyList<ManifestFile> Generate(IReadOnlyList<Type> resourceTypes, IReadOnlyList<Type> allTypes, IReadOnlyList<Assembly> assemblies, ManifestOptions options)
    {
        ArgumentNullException.ThrowIfNull(resourceTypes);
        ArgumentNullException.ThrowIfNull(allTypes);
        ArgumentNullException.ThrowIfNull(options);
        var files = new List<ManifestFile>();
        var service = new WebhookServiceReference(options.WebhookServiceName, options.Namespace);
        string injectFrom = options.Namespace + "/" + options.CertificateName;

        var crds = CrdGenerator.Generate(resourceTypes, service);
        foreach (var crd in crds)
        {
            if (options.CertManager && crd.Spec.Conversion?.Strategy == "Webhook")
            {
                (crd.Metadata.Annotations ??= new Dictionary<string, string>())["cert-manager.io/inject-ca-from"] = injectFrom;
            }

            files.Add(new ManifestFile($"crd/bases/{crd.Spec.Group}_{crd.Spec.Names.Plural}.yaml", [crd]));
        }

        var webhookMarkers = WebhookManifestGenerator.Collect(allTypes);
        var (mutating, validating) = WebhookManifestGenerator.Generate(webhookMarkers, service, options.MutatingConfigurationName, options.ValidatingConfigurationName);
        bool anyConversion = crds.Any(c => c.Spec.Conversion?.Strategy == "Webhook");
        bool anyWebhook = mutating is not null || validating is not null || anyConversion;
        if (options.CertManager)
        {
            if (mutating is not null)
            {
                (mutating.Metadata.Annotations ??= new Dictionary<string, string>())["cert-manager.io/inject-ca-from"] = injectFrom;
            }

            if (validating is not null)
            {
                (validating.Metadata.Annotations ??= new Dictionary<string, string>())["cert-manager.io/inject-ca-from"] = injectFrom;
            }
        }
        var webhookObjects = new List<object>();
        if (mutating is not null)
        {
            webhookObjects.Add(mutating);
        }

        if (validating is not null)
        {
            webhookObjects.Add(validating);
        }

        if (webhookObjects.Count > 0)
        {
            files.Add(new ManifestFile("webhook/manifests.yaml", webhookObjects));
        }

        if (anyWebhook)
        {
            files.Add(new ManifestFile("webhook/service.yaml", [WebhookService(options)]));
        }

        var rbacMarkers = RbacGenerator.Collect(allTypes, assemblies).ToList();
        if (anyWebhook && !options.CertManager)
        {
            rbacMarkers.AddRange(BootstrapRules(options, crds, mutating, validating));
        }

        var (clusterRole, roles) = RbacGenerator.Generate(rbacMarkers, options.ProjectName + "-manager-role", options.ProjectName + "-manager-role");
        files.Add(new ManifestFile("rbac/role.yaml", [clusterRole, .. roles]));
        files.Add(new ManifestFile("rbac/role_binding.yaml", [ClusterRoleBinding(options), .. roles.Select(r => RoleBinding(options, r))]));
        files.Add(new ManifestFile("rbac/service_account.yaml", [new V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = "ServiceAccount",
            Metadata = new V1ObjectMeta { Name = options.ServiceAccountName, NamespaceProperty = options.Namespace },
        }]));
        files.Add(new ManifestFile("rbac/leader_election_role.yaml", [LeaderElectionRole(options), RoleBinding(options, LeaderElectionRole(options))]));

        files.Add(new ManifestFile("manager/manager.yaml", [
            new V1Namespace
            {
                ApiVersion = "v1",
                Kind = "Namespace",
                Metadata = new V1ObjectMeta { Name = options.Namespace, Labels = new Dictionary<string, string> { ["control-plane"] = "controller-manager" } },
            },
            ManagerDeployment(options, anyWebhook, crds.Where(c => c.Spec.Conversion?.Strategy == "Webhook").Select(c => c.Metadata.Name).ToList()),
        ]));

        if (options.CertManager && anyWebhook)
        {
            files.Add(new ManifestFile("certmanager/certificate.yaml", CertManagerObjects(options)));
        }

        return files;
    }

    /// <summary>What the manager needs to keep its own certificates: its Secret, and the objects it injects the CA into.</summary>
    private static IEnumerable<RbacAttribute> BootstrapRules(ManifestOptions options, IReadOnlyList<V1CustomResourceDefinition> crds,
        V1MutatingWebhookConfiguration? mutating, V1ValidatingWebhookConfiguration? validating)
    {
        yield return new RbacAttribute { Groups = "", Resources = "secrets", Verbs = "get;create;update", Namespace = options.Namespace };
        if (mutating is not null)
        {
            yield return new RbacAttribute { Groups = "admissionregistration.k8s.io", Resources = "mutatingwebhookconfigurations", ResourceNames = mutating.Metadata.Name, Verbs = "get;update" };
        }

        if (validating is not null)
        {
            yield return new RbacAttribute { Groups = "admissionregistration.k8s.io", Resources = "validatingwebhookconfigurations", ResourceNames = validating.Metadata.Name, Verbs = "get;update" };
        }

        var converted = crds.Where(c => c.Spec.Conversion?.Strategy == "Webhook").Select(c => c.Metadata.Name).ToList();
        if (converted.Count > 0)
        {
            yield return new RbacAttribute { Groups = "apiextensions.k8s.io", Resources = "customresourcedefinitions", ResourceNames = string.Join(";", converted), Verbs = "get;update" };
        }
    }

    private static Dictionary<string, string> ManagerLabels(ManifestOptions options) => new()
    {
        ["control-plane"] = "controller-manager",
        ["app.kubernetes.io/name"] = options.ProjectName,
    };

    private static V1Service WebhookService(ManifestOptions options) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = options.WebhookServiceName, NamespaceProperty = options.Namespace },
        Spec = new V1ServiceSpec
        {
            Selector = ManagerLabels(options),
            Ports = [new V1ServicePort { Port = 443, Protocol = "TCP", TargetPort = options.WebhookPort }],
        },
    };

    private static V1ClusterRoleBinding ClusterRoleBinding(ManifestOptions options) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "ClusterRoleBinding",
        Metadata = new V1ObjectMeta { Name = options.ProjectName + "-manager-rolebinding" },
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = options.ProjectName + "-manager-role" },
        Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = options.ServiceAccountName, NamespaceProperty = options.Namespace }],
    };

    private static V1RoleBinding RoleBinding(ManifestOptions options, V1Role role) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "RoleBinding",
        Metadata = new V1ObjectMeta { Name = role.Metadata.Name + "binding", NamespaceProperty = role.Metadata.NamespaceProperty },
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = role.Metadata.Name },
        Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = options.ServiceAccountName, NamespaceProperty = options.Namespace }],
    };

    /// <summary>Leases for leader election and Events, in the manager's own namespace.</summary>
    private static V1Role LeaderElectionRole(ManifestOptions options) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "Role",
        Metadata = new V1ObjectMeta { Name = options.ProjectName + "-leader-election-role", NamespaceProperty = options.Namespace },
        Rules =
        [
            new V1PolicyRule { ApiGroups = ["coordination.k8s.io"], Resources = ["leases"], Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"] },
            new V1PolicyRule { ApiGroups = [""], Resources = ["events"], Verbs = ["create", "patch"] },
        ],
    };

    private static V1Deployment ManagerDeployment(ManifestOptions options, bool webhooks, List<string> convertedCrds)
    {
        var labels = ManagerLabels(options);
        var container = new V1Container
        {
            Name = "manager",
            Image = options.Image,
            Args = ["--leader-elect", $"--http-bind-address=:{options.HttpPort}"],
            Env =
            [
                new V1EnvVar { Name = "POD_NAMESPACE", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.namespace" } } },
                new V1EnvVar { Name = "STEWARD_WEBHOOK_SERVICE", Value = options.WebhookServiceName },
                new V1EnvVar { Name = "STEWARD_WEBHOOK_CERT_MODE", Value = options.CertManager ? "directory" : "bootstrap" },
                new V1EnvVar { Name = "STEWARD_WEBHOOK_SECRET", Value = ManifestOptions.WebhookSecretName },
                new V1EnvVar { Name = "STEWARD_MUTATING_WEBHOOK_CONFIGURATION", Value = options.MutatingConfigurationName },
                new V1EnvVar { Name = "STEWARD_VALIDATING_WEBHOOK_CONFIGURATION", Value = options.ValidatingConfigurationName },
                new V1EnvVar { Name = "STEWARD_CONVERSION_CRDS", Value = string.Join(",", convertedCrds) },
                new V1EnvVar { Name = "ENABLE_WEBHOOKS", Value = webhooks ? "true" : "false" },
            ],
            Ports = [
                new V1ContainerPort { Name = "http", ContainerPort = options.HttpPort, Protocol = "TCP" },
            ],
            LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = options.HttpPort }, InitialDelaySeconds = 15, PeriodSeconds = 20 },
            ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/readyz", Port = options.HttpPort }, InitialDelaySeconds = 5, PeriodSeconds = 10 },
            Resources = new V1ResourceRequirements
            {
                Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m"), ["memory"] = new("256Mi") },
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m"), ["memory"] = new("64Mi") },
            },
            SecurityContext = new V1SecurityContext
            {
                AllowPrivilegeEscalation = false,
                Capabilities = new V1Capabilities { Drop = ["ALL"] },
            },
        };
        var pod = new V1PodSpec
        {
            ServiceAccountName = options.ServiceAccountName,
            TerminationGracePeriodSeconds = 10,
            SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" } },
            Containers = [container],
        };
        if (webhooks)
        {
            container.Ports.Add(new V1ContainerPort { Name = "webhook-server", ContainerPort = options.WebhookPort, Protocol = "TCP" });
            if (options.CertManager)
            {
                container.VolumeMounts = [new V1VolumeMount { Name = "cert", MountPath = "/tmp/k8s-webhook-server/serving-certs", ReadOnlyProperty = true }];
                pod.Volumes = [new V1Volume { Name = "cert", Secret = new V1SecretVolumeSource { SecretName = ManifestOptions.WebhookSecretName, DefaultMode = 420 } }];
            }
        }
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = options.ServiceAccountName, NamespaceProperty = options.Namespace, Labels = labels },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels, Annotations = new Dictionary<string, string> { ["kubectl.kubernetes.io/default-container"] = "manager" } },
                    Spec = pod,
                },
            },
        };
    }

    /// <summary>A self-signed Issuer and the serving Certificate, as kubebuilder's config/certmanager has them.</summary>
    private static List<object> CertManagerObjects(ManifestOptions options)
    {
        string svc = options.WebhookServiceName;
        string issuer = options.ProjectName + "-selfsigned-issuer";
        return
        [
            new Dictionary<string, object>
            {
                ["apiVersion"] = "cert-manager.io/v1",
                ["kind"] = "Issuer",
                ["metadata"] = new Dictionary<string, object> { ["name"] = issuer, ["namespace"] = options.Namespace },
                ["spec"] = new Dictionary<string, object> { ["selfSigned"] = new Dictionary<string, object>() },
            },
            new Dictionary<string, object>
            {
                ["apiVersion"] = "cert-manager.io/v1",
                ["kind"] = "Certificate",
                ["metadata"] = new Dictionary<string, object> { ["name"] = options.CertificateName, ["namespace"] = options.Namespace },
                ["spec"] = new Dictionary<string, object>
                {
                    ["dnsNames"] = new List<object> { $"{svc}.{options.Namespace}.svc", $"{svc}.{options.Namespace}.svc.cluster.local" },
                    ["issuerRef"] = new Dictionary<string, object> { ["kind"] = "Issuer", ["name"] = issuer },
                    ["secretName"] = ManifestOptions.WebhookSecretName,
                },
            },
        ];
    }
}
