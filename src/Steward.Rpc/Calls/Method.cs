using System.Buffers;

namespace Steward.Rpc;

/// <summary>How a method exchanges messages (the core's view of the schema's call kind).</summary>
public enum MethodType
{
    /// <summary>One request, one response.</summary>
    Unary,
    /// <summary>A stream of requests, then one response.</summary>
    ClientStreaming,
    /// <summary>One request, then a stream of responses.</summary>
    ServerStreaming,
    /// <summary>Requests and responses stream both ways at once.</summary>
    DuplexStreaming,
}

/// <summary>
/// Turns a message into bytes and back for one wire format. The core never looks inside:
/// generated code supplies a marshaller per protocol (protobuf for gRPC, Thrift's for Thrift).
/// </summary>
public abstract class Marshaller<T>
{
    /// <summary>Appends the encoding of <paramref name="value"/> to <paramref name="output"/>.</summary>
    public abstract void Serialize(T value, IBufferWriter<byte> output);
    /// <summary>Decodes one message that fills <paramref name="input"/> exactly; throws on malformed bytes.</summary>
    public abstract T Deserialize(ReadOnlySequence<byte> input);

    /// <summary>The encoded size when cheap to know (lets a framing write its length prefix first).</summary>
    public virtual int GetSerializedSize(T value) => -1;
}

/// <summary>Marshallers built from delegates, for tests and hand-written services.</summary>
public static class Marshallers
{
    /// <summary>A marshaller that calls <paramref name="serialize"/> and <paramref name="deserialize"/>.</summary>
    public static Marshaller<T> Create<T>(Action<T, IBufferWriter<byte>> serialize, Func<ReadOnlySequence<byte>, T> deserialize) =>
        new DelegateMarshaller<T>(serialize, deserialize);

    private sealed class DelegateMarshaller<T>(Action<T, IBufferWriter<byte>> serialize, Func<ReadOnlySequence<byte>, T> deserialize)
        : Marshaller<T>
    {
        public override void Serialize(T value, IBufferWriter<byte> output) => serialize(value, output);
        public override T Deserialize(ReadOnlySequence<byte> input) => deserialize(input);
    }
}

/// <summary>Non-generic view of a method descriptor.</summary>
public interface IMethod
{
    /// <summary>How the method exchanges messages.</summary>
    MethodType Type { get; }
    /// <summary>Fully qualified service name: <c>helloworld.Greeter</c>.</summary>
    string ServiceName { get; }
    /// <summary>The method's own name, without the service: <c>SayHello</c>.</summary>
    string Name { get; }
    /// <summary><c>/helloworld.Greeter/SayHello</c> (gRPC's path; other protocols use Name).</summary>
    string FullName { get; }
}

/// <summary>Describes one method: its kind, names and message marshallers.</summary>
public sealed class Method<TRequest, TResponse> : IMethod
{
    /// <summary>Describes a method; <see cref="FullName"/> is built from the service and method names.</summary>
    public Method(MethodType type, string serviceName, string name, Marshaller<TRequest> requestMarshaller, Marshaller<TResponse> responseMarshaller)
    {
        Type = type;
        ServiceName = serviceName;
        Name = name;
        RequestMarshaller = requestMarshaller;
        ResponseMarshaller = responseMarshaller;
        FullName = "/" + serviceName + "/" + name;
    }

    /// <summary>How the method exchanges messages.</summary>
    public MethodType Type { get; }
    /// <summary>Fully qualified service name: <c>helloworld.Greeter</c>.</summary>
    public string ServiceName { get; }
    /// <summary>The method's own name, without the service: <c>SayHello</c>.</summary>
    public string Name { get; }
    /// <c>/service/method</c>, gRPC's request path and the key dispatchers look methods up by.
    public string FullName { get; }
    /// <summary>Encodes and decodes the request messages.</summary>
    public Marshaller<TRequest> RequestMarshaller { get; }
    /// <summary>Encodes and decodes the response messages.</summary>
    public Marshaller<TResponse> ResponseMarshaller { get; }
    /// <summary>Thrift/Ice/IDL: the caller expects no reply.</summary>
    public bool IsOneway { get; init; }
    /// <summary>Codecs of protocols that do not carry the request and response as plain marshalled bytes (Thrift's args/result structs).</summary>
    public MethodCodecs Codecs { get; init; } = MethodCodecs.Empty;
}
