using Greeter;
using Greeter.Sample;
using Steward.Rpc;

if (args.Length > 0 && args[0] == "protocols")
{
    // One host serving the Greeter on a gRPC, a Thrift, an Ice and an IIOP port; the generated client calls it over each.
    // `protocols --omniorb-client PATH` also runs omniORB's C++ client (samples/Greeter/corba) against the IIOP port.
    return await ProtocolsDemo.RunAsync(args.Length > 2 && args[1] == "--omniorb-client" ? args[2] : null);
}

// Messages generated from protos/greeter.proto by the source generator, used like any C# class.
var request = new HelloRequest { Name = "Steward", Count = 2 };
request.Labels["lang"] = "en";
request.Labels["via"] = "source-generator";

var bytes = request.ToByteArray();
Console.WriteLine($"HelloRequest serialized to {bytes.Length} bytes: {Convert.ToHexString(bytes)}");
var parsed = HelloRequest.Parse(bytes);
Console.WriteLine($"parsed back: name={parsed.Name} count={parsed.Count} labels={parsed.Labels.Count} equal={parsed.Equals(request)}");
var copy = parsed.Clone();
copy.Name = "someone else";
Console.WriteLine($"a deep clone is independent: original={parsed.Name} clone={copy.Name}");

if (args.Length > 0 && args[0] == "--write-request")
{
    // Lets scripts/demo-idl hand the bytes to `steward proto decode`.
    File.WriteAllBytes(args[1], bytes);
}

// The service, called in-process here; `protocols` hosts the same class over gRPC, Thrift, Ice and IIOP.
var service = new GreeterService();
var context = new LocalCallContext("/helloworld.Greeter/SayHello");
var reply = await service.SayHello(parsed, context);
Console.WriteLine($"SayHello -> \"{reply.Message}\" ({reply.Language}, tags: {string.Join(",", reply.Tags)})");

var stream = new CollectingWriter<HelloReply>();
await service.SayHelloStream(new HelloRequest { Name = "Steward" }, stream, new LocalCallContext("/helloworld.Greeter/SayHelloStream"));
foreach (var item in stream.Items)
{
    Console.WriteLine($"SayHelloStream -> \"{item.Message}\" ({item.Language})");
}
Console.WriteLine($"service {Greeter.Greeter.ServiceName} binds {service.BindService().Methods.Count} methods");
return 0;

/// <summary>A call context for calling the service directly, without a transport.</summary>
internal sealed class LocalCallContext(string method) : ServerCallContext
{
    public override string Method => method;
    public override string Peer => "local";
    public override DateTime Deadline => DateTime.MaxValue;
    public override Metadata RequestHeaders { get; } = new();
    public override CancellationToken CancellationToken => CancellationToken.None;
    public override Metadata ResponseTrailers { get; } = new();
    public override Status Status { get; set; }
    public override Task WriteResponseHeadersAsync(Metadata responseHeaders) => Task.CompletedTask;
}

internal sealed class CollectingWriter<T> : IServerStreamWriter<T>
{
    public List<T> Items { get; } = new();

    public Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        Items.Add(message);
        return Task.CompletedTask;
    }
}
