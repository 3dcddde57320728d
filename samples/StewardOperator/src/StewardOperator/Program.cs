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
    options.Component = "steward-operator";
    if (leaderElect)
        options.LeaderElection = new LeaderElectionOptions { LeaseName = "steward-operator-leader", LeaseNamespace = ns };
});
builder.Services.AddController<global::StewardOperator.Controllers.StewardReconciler>(b => b
    .For<global::StewardOperator.Api.V1.Steward>()
    .Owns<global::k8s.Models.V1Deployment>()
    .Owns<global::k8s.Models.V1Service>());
// +steward:scaffold:controllers

builder.Services.AddStewardWebhooks(webhooks =>
{
    webhooks.AddDefaulter(new global::StewardOperator.Webhooks.V1.StewardCustomDefaulter());
    webhooks.AddValidator(new global::StewardOperator.Webhooks.V1.StewardCustomValidator());
    // +steward:scaffold:webhooks
});

await builder.Build().RunAsync();
