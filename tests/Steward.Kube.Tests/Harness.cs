using k8s;
using Steward.Kube.Client;

namespace Steward.Kube.Tests;

/// <summary>A test API server with the Widget kind, a KubernetesClient and a runtime client pointed at it.</summary>
public sealed class Harness : IAsyncDisposable
{
    private Harness(TestApiServer.TestApiServer server)
    {
        Server = server;
        Registry = new ResourceRegistry();
        Registry.Register<Widget>(Widget.Group, Widget.Version, "Widget", Widget.Plural);
        Config = new KubernetesClientConfiguration { Host = server.BaseUri.ToString() };
        Kubernetes = new Kubernetes(Config);
        Client = new KubeRestClient(Kubernetes, Registry);
    }

    public TestApiServer.TestApiServer Server { get; }

    public ResourceRegistry Registry { get; }

    public KubernetesClientConfiguration Config { get; }

    /// <summary>The real KubernetesClient, for setting up and checking state the way users' tools do.</summary>
    public Kubernetes Kubernetes { get; }

    public KubeRestClient Client { get; }

    public static async Task<Harness> StartAsync(TimeSpan? bookmarkInterval = null)
    {
        var server = await TestApiServer.TestApiServer.StartAsync(bookmarkInterval);
        server.RegisterKind(Widget.Group, Widget.Version, "Widget", Widget.Plural);
        return new Harness(server);
    }

    public KubeRestClient NewClient() => new(new Kubernetes(Config), Registry);

    /// <summary>Polls until the condition holds; fails with <paramref name="what"/> after a generous deadline.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("timed out waiting for: " + what);
            }

            await Task.Delay(20);
        }
    }

    public static Task EventuallyAsync(Func<bool> condition, string what, int seconds = 30) =>
        EventuallyAsync(() => Task.FromResult(condition()), what, seconds);

    public async ValueTask DisposeAsync()
    {
        Kubernetes.Dispose();
        await Server.DisposeAsync();
    }
}
