using k8s;
using k8s.Models;
using Steward.Kube.Crd.Manifests;

namespace Steward.Kube.Crd.Tests;

public sealed class ManifestTests
{
    private static readonly Type[] Resources = [typeof(Gadget), typeof(DoodadV1), typeof(DoodadV2)];
    private static readonly Type[] All = [.. Resources, typeof(GadgetWebhook)];

    private static IReadOnlyList<ManifestFile> Generate(bool certManager = false) =>
        ManifestSet.Generate(Resources, All, [], new ManifestOptions { ProjectName = "gadget-operator", Image = "example.com/gadget:1.0", CertManager = certManager });

    private static List<object> Read(IReadOnlyList<ManifestFile> files, string path) =>
        KubernetesYaml.LoadAllFromString(files.Single(f => f.RelativePath == path).ToYaml()).ToList();

    [Fact]
    public void The_config_tree_has_kubebuilders_layout()
    {
        Assert.Equal(
            ["crd/bases/test.crd.fp.net_doodads.yaml", "crd/bases/test.crd.fp.net_gadgets.yaml", "manager/manager.yaml",
             "rbac/leader_election_role.yaml", "rbac/role.yaml", "rbac/role_binding.yaml", "rbac/service_account.yaml",
             "webhook/manifests.yaml", "webhook/service.yaml"],
            Generate().Select(f => f.RelativePath).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Rbac_markers_merge_into_a_ClusterRole_and_namespaced_ones_into_a_Role()
    {
        var objects = Read(Generate(), "rbac/role.yaml");
        var clusterRole = Assert.IsType<V1ClusterRole>(objects[0]);
        Assert.Equal("gadget-operator-manager-role", clusterRole.Metadata.Name);
        var deployments = clusterRole.Rules.Single(r => r.Resources?.SequenceEqual(["deployments"]) == true);
        Assert.Equal(["apps"], deployments.ApiGroups);
        Assert.Equal(["create", "delete", "get", "list", "update", "watch"], deployments.Verbs);
        var gadgets = clusterRole.Rules.Single(r => r.Resources?.Contains("gadgets") == true);
        Assert.Equal(["gadgets", "gadgets/status"], gadgets.Resources);
        // The manager keeps its own certificates: it must be allowed to update the webhook configurations by name.
        var mutating = clusterRole.Rules.Single(r => r.Resources?.SequenceEqual(["mutatingwebhookconfigurations"]) == true);
        Assert.Equal(["gadget-operator-mutating-webhook-configuration"], mutating.ResourceNames);
        Assert.Equal(["doodads.test.crd.fp.net"], clusterRole.Rules.Single(r => r.Resources?.SequenceEqual(["customresourcedefinitions"]) == true).ResourceNames);

        var roles = objects.OfType<V1Role>().ToList();
        Assert.Equal(["gadget-operator-system", "kube-system"], roles.Select(r => r.Metadata.NamespaceProperty));
        Assert.Equal(["secrets"], roles[0].Rules.Single().Resources);
        Assert.Equal(["configmaps"], roles[1].Rules.Single().Resources);
    }

    [Fact]
    public void Webhook_markers_become_configurations_at_kubebuilders_paths()
    {
        var objects = Read(Generate(), "webhook/manifests.yaml");
        var mutating = Assert.IsType<V1MutatingWebhookConfiguration>(objects[0]).Webhooks.Single();
        Assert.Equal("mgadget-v1.kb.io", mutating.Name);
        Assert.Equal("/mutate-test-crd-fp-net-v1-gadget", mutating.ClientConfig.Service.Path);
        Assert.Equal(("gadget-operator-webhook-service", "gadget-operator-system"), (mutating.ClientConfig.Service.Name, mutating.ClientConfig.Service.NamespaceProperty));
        Assert.Equal(["CREATE", "UPDATE"], mutating.Rules[0].Operations);
        Assert.Equal(["gadgets"], mutating.Rules[0].Resources);
        Assert.Equal(["test.crd.fp.net"], mutating.Rules[0].ApiGroups);
        Assert.Equal(["v1"], mutating.AdmissionReviewVersions);
        Assert.Equal(("Fail", "None"), (mutating.FailurePolicy, mutating.SideEffects));

        var validating = Assert.IsType<V1ValidatingWebhookConfiguration>(objects[1]).Webhooks.Single();
        Assert.Equal("/validate-test-crd-fp-net-v1-gadget", validating.ClientConfig.Service.Path);
        Assert.Equal(["CREATE", "UPDATE", "DELETE"], validating.Rules[0].Operations);
        Assert.Equal("Ignore", validating.FailurePolicy);
    }

    [Fact]
    public void Manager_deployment_runs_the_image_with_the_webhook_port()
    {
        var objects = Read(Generate(), "manager/manager.yaml");
        Assert.Equal("gadget-operator-system", Assert.IsType<V1Namespace>(objects[0]).Metadata.Name);
        var deployment = Assert.IsType<V1Deployment>(objects[1]);
        var container = deployment.Spec.Template.Spec.Containers.Single();
        Assert.Equal("example.com/gadget:1.0", container.Image);
        Assert.Contains(container.Ports, p => p.Name == "webhook-server" && p.ContainerPort == 9443);
        Assert.Equal("bootstrap", container.Env.Single(e => e.Name == "STEWARD_WEBHOOK_CERT_MODE").Value);
        Assert.Equal("gadget-operator-controller-manager", deployment.Spec.Template.Spec.ServiceAccountName);
        var service = Assert.IsType<V1Service>(Read(Generate(), "webhook/service.yaml").Single());
        Assert.Equal(deployment.Spec.Selector.MatchLabels, service.Spec.Selector);
        Assert.Equal("9443", service.Spec.Ports.Single().TargetPort.Value);
    }

    [Fact]
    public void Cert_manager_mode_adds_Issuer_Certificate_and_inject_ca_from()
    {
        var files = Generate(certManager: true);
        var yaml = files.Single(f => f.RelativePath == "certmanager/certificate.yaml").ToYaml();
        Assert.Contains("kind: Issuer", yaml, StringComparison.Ordinal);
        Assert.Contains("kind: Certificate", yaml, StringComparison.Ordinal);
        Assert.Contains("secretName: webhook-server-cert", yaml, StringComparison.Ordinal);
        Assert.Contains("- gadget-operator-webhook-service.gadget-operator-system.svc", yaml, StringComparison.Ordinal);

        const string inject = "gadget-operator-system/gadget-operator-serving-cert";
        var webhooks = Read(files, "webhook/manifests.yaml");
        Assert.Equal(inject, ((V1MutatingWebhookConfiguration)webhooks[0]).Metadata.Annotations["cert-manager.io/inject-ca-from"]);
        Assert.Equal(inject, ((V1ValidatingWebhookConfiguration)webhooks[1]).Metadata.Annotations["cert-manager.io/inject-ca-from"]);
        Assert.Equal(inject, ((V1CustomResourceDefinition)Read(files, "crd/bases/test.crd.fp.net_doodads.yaml")[0]).Metadata.Annotations["cert-manager.io/inject-ca-from"]);
        Assert.Null(((V1CustomResourceDefinition)Read(files, "crd/bases/test.crd.fp.net_gadgets.yaml")[0]).Metadata.Annotations);

        var container = ((V1Deployment)Read(files, "manager/manager.yaml")[1]).Spec.Template.Spec.Containers.Single();
        Assert.Equal("/tmp/k8s-webhook-server/serving-certs", container.VolumeMounts.Single().MountPath);
        var role = (V1ClusterRole)Read(files, "rbac/role.yaml")[0];
        Assert.DoesNotContain(role.Rules, r => r.Resources?.Contains("mutatingwebhookconfigurations") == true);
    }
}
