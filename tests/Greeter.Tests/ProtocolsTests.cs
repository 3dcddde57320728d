using Greeter.Sample;
using Steward.Rpc;
using Steward.Rpc.Thrift;

namespace Greeter.Tests;

public sealed class ProtocolsTests : RunningGreeter
{
    // A generous deadline so that a server that never answers fails the test instead of hanging it.
    private static CallOptions Options() => new(deadline: DateTime.UtcNow.AddMinutes(2), cancellationToken: TestContext.Current.CancellationToken);

    private static HelloRequest Request()
    {
        var request = new HelloRequest { Name = "Ada" };
        request.Labels["b"] = "2";
        request.Labels["a"] = "1";
        return request;
    }

    [Fact]
    public async Task The_same_service_answers_the_grpc_the_thrift_the_ice_and_the_iiop_clients_alike()
    {
        var (grpc, grpcChannel) = GreeterHost.GrpcClient(GrpcPort);
        HelloReply viaGrpc;
        using (grpcChannel)
        {
            viaGrpc = await grpc.SayHelloAsync(Request(), Options());
        }
        Assert.Equal("Hello, Ada!", viaGrpc.Message);
        Assert.Equal(["a", "b"], viaGrpc.Tags);

        foreach (var protocol in new[] { ThriftProtocolKind.Binary, ThriftProtocolKind.Compact })
        {
            var (thrift, thriftChannel) = GreeterHost.ThriftClient(ThriftPort, protocol);
            using (thriftChannel)
            {
                var viaThrift = await thrift.SayHelloAsync(Request(), Options());
                Assert.Equal(viaGrpc, viaThrift);
            }
        }

        var (ice, iceChannel) = GreeterHost.IceClient(IcePort);
        using (iceChannel)
        {
            var viaIce = await ice.SayHelloAsync(Request(), Options());
            Assert.Equal(viaGrpc, viaIce);
        }

        var (corba, corbaChannel) = GreeterHost.CorbaClient(CorbaPort);
        using (corbaChannel)
        {
            var viaIiop = await corba.SayHelloAsync(Request(), Options());
            Assert.Equal(viaGrpc, viaIiop);
        }
    }

    [Fact]
    public async Task Streaming_stays_on_grpc_and_is_refused_over_thrift_and_ice_without_harming_the_connection()
    {
        var (grpc, grpcChannel) = GreeterHost.GrpcClient(GrpcPort);
        using (grpcChannel)
        {
            using var stream = grpc.SayHelloStream(new HelloRequest { Name = "Ada", Count = 2 }, Options());
            var messages = new List<string>();
            while (await stream.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
            {
                messages.Add(stream.ResponseStream.Current.Message);
            }
            Assert.Equal(["Hello, Ada!", "Bonjour, Ada !"], messages);
        }

        var (thrift, thriftChannel) = GreeterHost.ThriftClient(ThriftPort, ThriftProtocolKind.Binary);
        using (thriftChannel)
        {
            await Assert.ThrowsAnyAsync<RpcException>(async () =>
            {
                using var call = thrift.SayHelloStream(new HelloRequest { Name = "Ada" }, Options());
                await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken);
            });
            var reply = await thrift.SayHelloAsync(Request(), Options());
            Assert.Equal("Hello, Ada!", reply.Message);
        }

        var (ice, iceChannel) = GreeterHost.IceClient(IcePort);
        using (iceChannel)
        {
            await Assert.ThrowsAnyAsync<RpcException>(async () =>
            {
                using var call = ice.SayHelloStream(new HelloRequest { Name = "Ada" }, Options());
                await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken);
            });
            var reply = await ice.SayHelloAsync(Request(), Options());
            Assert.Equal("Hello, Ada!", reply.Message);
        }
    }
}
