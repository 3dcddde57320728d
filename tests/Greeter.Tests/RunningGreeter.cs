using Greeter.Sample;

namespace Greeter.Tests;

/// <summary>The sample's host, started on a free gRPC, Thrift, Ice and IIOP port for each test.</summary>
public abstract class RunningGreeter : IAsyncLifetime
{
    private Microsoft.AspNetCore.Builder.WebApplication? _app;

    protected int GrpcPort { get; } = GreeterHost.FreePort();
    protected int ThriftPort { get; } = GreeterHost.FreePort();
    protected int IcePort { get; } = GreeterHost.FreePort();
    protected int CorbaPort { get; } = GreeterHost.FreePort();

    public async ValueTask InitializeAsync()
    {
        _app = GreeterHost.Build(GrpcPort, ThriftPort, IcePort, CorbaPort);
        await _app.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
