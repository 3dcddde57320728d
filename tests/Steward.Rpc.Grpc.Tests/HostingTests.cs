using Microsoft.Extensions.DependencyInjection;

namespace Steward.Rpc.Grpc.Tests;

public sealed class HostingTests
{
    [Fact]
    public void AddStewardGrpc_registers_the_logging_its_dispatcher_needs_on_a_bare_container()
    {
        // The core registers no logging; the gRPC transport must, or a host without it could not build the dispatcher.
        using var services = new ServiceCollection().AddStewardGrpc().Services.BuildServiceProvider();
        Assert.NotNull(services.GetRequiredService<GrpcDispatcher>());
    }
}
