using Microsoft.Extensions.DependencyInjection;

namespace Steward.Rpc.Thrift.Tests.Server;

public sealed class HostingTests
{
    [Fact]
    public void AddStewardThrift_registers_the_logging_its_dispatcher_needs_on_a_bare_container()
    {
        // The core registers no logging; the Thrift transport must, or a host without it could not build the dispatcher.
        using var services = new ServiceCollection().AddStewardThrift().Services.BuildServiceProvider();
        Assert.NotNull(services.GetRequiredService<ThriftDispatcher>());
    }
}
