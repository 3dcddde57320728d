using CodeGenTests.Services;
using Steward.Rpc.Protobuf.WellKnownTypes;

namespace Steward.Rpc.CodeGen.Tests;

public class ServiceTests
{
    [Fact]
    public void Method_descriptors_carry_names_kinds_and_protobuf_marshallers()
    {
        Assert.Equal("greet.v1.Greeter", Greeter.ServiceName);
        Assert.Equal("/greet.v1.Greeter/SayHello", Greeter.SayHelloMethod.FullName);
        Assert.Equal(MethodType.Unary, Greeter.SayHelloMethod.Type);
        Assert.Equal(MethodType.ServerStreaming, Greeter.SayHellosMethod.Type);
        Assert.Equal(MethodType.ClientStreaming, Greeter.CollectHellosMethod.Type);
        Assert.Equal(MethodType.DuplexStreaming, Greeter.ChatMethod.Type);
        Assert.Same(Greeter.SayHelloMethod.RequestMarshaller, Greeter.SayHellosMethod.RequestMarshaller);
    }

    [Fact]
    public void Generated_marshallers_carry_messages_in_the_protobuf_encoding()
    {
        var marshaller = Greeter.SayHelloMethod.RequestMarshaller;
        var request = new HelloRequest { Name = "ann" };
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        marshaller.Serialize(request, buffer);
        Assert.Equal(request.ToByteArray(), buffer.WrittenSpan.ToArray());
        Assert.Equal(buffer.WrittenCount, marshaller.GetSerializedSize(request));
        Assert.Equal(request, marshaller.Deserialize(new System.Buffers.ReadOnlySequence<byte>(buffer.WrittenMemory)));
        Assert.Equal(new Empty(), Greeter.PingMethod.ResponseMarshaller.Deserialize(System.Buffers.ReadOnlySequence<byte>.Empty));
    }

    [Fact]
    public async Task Unimplemented_server_methods_answer_UNIMPLEMENTED()
    {
        var service = new PartialGreeter();
        var ex = await Assert.ThrowsAsync<RpcException>(() => service.Ping(new Empty(), null!));
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Equal("hi ann", (await service.SayHello(new HelloRequest { Name = "ann" }, null!)).Message);
    }

    [Fact]
    public void BindService_binds_every_method_with_its_call_kind()
    {
        var definition = new PartialGreeter().BindService();
        Assert.Equal("greet.v1.Greeter", definition.Name);
        Assert.Equal(
            ["SayHello:Unary", "SayHellos:ServerStreaming", "CollectHellos:ClientStreaming", "Chat:DuplexStreaming", "Ping:Unary"],
            definition.Methods.Select(m => m.Method.Name + ":" + m.Method.Type));
    }

    [Fact]
    public async Task Client_stubs_start_the_matching_call_kind_with_the_given_options()
    {
        var invoker = new RecordingInvoker();
        var client = new Greeter.GreeterClient(invoker);
        using var cts = new CancellationTokenSource();
        var deadline = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var headers = new Metadata { { "x-test", "1" } };

        var reply = await client.SayHelloAsync(new HelloRequest { Name = "a" }, headers, deadline, cts.Token);
        Assert.Equal("unary", reply.Message);
        Assert.Equal(("Unary", "/greet.v1.Greeter/SayHello"), (invoker.Calls[^1].Kind, invoker.Calls[^1].Method));
        Assert.Same(headers, invoker.Calls[^1].Options.Headers);
        Assert.Equal(deadline, invoker.Calls[^1].Options.Deadline);
        Assert.Equal(cts.Token, invoker.Calls[^1].Options.CancellationToken);

        var streamed = new List<string>();
        await foreach (var item in client.SayHellos(new HelloRequest()))
        {
            streamed.Add(item.Message);
        }
        Assert.Equal(["server-stream"], streamed);

        var collected = await client.CollectHellosAsync(Requests(3));
        Assert.Equal("client-stream:3", collected.Message);

        var chat = new List<string>();
        await foreach (var item in client.Chat(Requests(2)))
        {
            chat.Add(item.Message);
        }
        Assert.Equal(["duplex"], chat);
        Assert.Equal(["Unary", "ServerStreaming", "ClientStreaming", "DuplexStreaming"], invoker.Calls.Select(c => c.Kind));
    }

    private static async IAsyncEnumerable<HelloRequest> Requests(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return new HelloRequest { Name = i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }
    }

    private sealed class PartialGreeter : Greeter.GreeterBase
    {
        public override Task<HelloReply> SayHello(HelloRequest request, ServerCallContext context) =>
            Task.FromResult(new HelloReply { Message = "hi " + request.Name });
    }
}
