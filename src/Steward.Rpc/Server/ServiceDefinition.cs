namespace Steward.Rpc;

/// <summary>A unary handler: answers one request with one response.</summary>
public delegate Task<TResponse> UnaryServerMethod<TRequest, TResponse>(TRequest request, ServerCallContext context);
/// <summary>A client-streaming handler: reads the request stream and answers with one response.</summary>
public delegate Task<TResponse> ClientStreamingServerMethod<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context);
/// <summary>A server-streaming handler: answers one request by writing any number of responses.</summary>
public delegate Task ServerStreamingServerMethod<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);
/// <summary>A duplex handler: reads requests and writes responses as it likes until it returns.</summary>
public delegate Task DuplexStreamingServerMethod<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);

/// <summary>
/// One method bound to its handler. Transports dispatch to it through <see cref="IServerMethodVisitor{TResult}"/>,
/// which keeps TRequest/TResponse known without reflection.
/// </summary>
public abstract class ServerMethodDefinition
{
    /// <summary>The method this handler serves.</summary>
    public abstract IMethod Method { get; }
    /// <summary>Calls the visitor's member for this method's call kind, with the typed method and handler.</summary>
    public abstract TResult Accept<TResult>(IServerMethodVisitor<TResult> visitor);

    /// <summary>Binds <paramref name="handler"/> to <paramref name="method"/>.</summary>
    public static ServerMethodDefinition Create<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class where TResponse : class => new ServiceDefinition.Unary<TRequest, TResponse>(method, handler);
    /// <summary>Binds <paramref name="handler"/> to <paramref name="method"/>.</summary>
    public static ServerMethodDefinition Create<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class where TResponse : class => new ServiceDefinition.ClientStreaming<TRequest, TResponse>(method, handler);
    /// <summary>Binds <paramref name="handler"/> to <paramref name="method"/>.</summary>
    public static ServerMethodDefinition Create<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class where TResponse : class => new ServiceDefinition.ServerStreaming<TRequest, TResponse>(method, handler);
    /// <summary>Binds <paramref name="handler"/> to <paramref name="method"/>.</summary>
    public static ServerMethodDefinition Create<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class where TResponse : class => new ServiceDefinition.DuplexStreaming<TRequest, TResponse>(method, handler);
}

/// <summary>Recovers the generic types of a <see cref="ServerMethodDefinition"/>; transports build their per-method handlers through it.</summary>
public interface IServerMethodVisitor<out TResult>
{
    /// <summary>Called for a unary method.</summary>
    TResult VisitUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler) where TRequest : class where TResponse : class;
    /// <summary>Called for a client-streaming method.</summary>
    TResult VisitClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler) where TRequest : class where TResponse : class;
    /// <summary>Called for a server-streaming method.</summary>
    TResult VisitServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler) where TRequest : class where TResponse : class;
    /// <summary>Called for a duplex method.</summary>
    TResult VisitDuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler) where TRequest : class where TResponse : class;
}

/// <summary>A service: its name and bound methods. Generated server bases produce one with <c>BindService</c>.</summary>
public sealed class ServiceDefinition
{
    private ServiceDefinition(string name, IReadOnlyList<ServerMethodDefinition> methods)
    {
        Name = name;
        Methods = methods;
    }

    /// <summary>The fully qualified service name: <c>helloworld.Greeter</c>.</summary>
    public string Name { get; }
    /// <summary>The bound methods, in the order they were added.</summary>
    public IReadOnlyList<ServerMethodDefinition> Methods { get; }

    /// <summary>Starts a definition of the service named <paramref name="serviceName"/>.</summary>
    public static Builder CreateBuilder(string serviceName) => new(serviceName);

    /// <summary>The same service with every handler wrapped by the interceptors (first listed runs first).</summary>
    public ServiceDefinition Intercept(IReadOnlyList<Interceptor> interceptors)
    {
        ArgumentNullException.ThrowIfNull(interceptors);
        if (interceptors.Count == 0)
        {
            return this;
        }
        var methods = new ServerMethodDefinition[Methods.Count];
        for (var i = 0; i < methods.Length; i++)
        {
            methods[i] = Methods[i].Intercept(interceptors);
        }
        return new ServiceDefinition(Name, methods);
    }

    /// <summary>Collects a service's methods; <see cref="Build"/> makes the definition.</summary>
    public sealed class Builder
    {
        private readonly string _name;
        private readonly List<ServerMethodDefinition> _methods = new();
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);

        internal Builder(string name) => _name = name;

        /// <summary>Adds <paramref name="method"/>, served by <paramref name="handler"/>; returns the builder so calls chain.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class =>
            Add(new Unary<TRequest, TResponse>(method, handler));

        /// <summary>Adds <paramref name="method"/>, served by <paramref name="handler"/>; returns the builder so calls chain.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class =>
            Add(new ClientStreaming<TRequest, TResponse>(method, handler));

        /// <summary>Adds <paramref name="method"/>, served by <paramref name="handler"/>; returns the builder so calls chain.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class =>
            Add(new ServerStreaming<TRequest, TResponse>(method, handler));

        /// <summary>Adds <paramref name="method"/>, served by <paramref name="handler"/>; returns the builder so calls chain.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class =>
            Add(new DuplexStreaming<TRequest, TResponse>(method, handler));

        /// <summary>The definition with the methods added so far.</summary>
        public ServiceDefinition Build() => new(_name, _methods.ToArray());

        private Builder Add(ServerMethodDefinition definition)
        {
            if (!_names.Add(definition.Method.Name))
            {
                throw new InvalidOperationException($"Method '{definition.Method.Name}' is already bound on service '{_name}'.");
            }
            _methods.Add(definition);
            return this;
        }
    }

    internal sealed class Unary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler) : ServerMethodDefinition
        where TRequest : class where TResponse : class
    {
        public override IMethod Method => method;
        public override TResult Accept<TResult>(IServerMethodVisitor<TResult> visitor) => visitor.VisitUnary(method, handler);
    }

    internal sealed class ClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler) : ServerMethodDefinition
        where TRequest : class where TResponse : class
    {
        public override IMethod Method => method;
        public override TResult Accept<TResult>(IServerMethodVisitor<TResult> visitor) => visitor.VisitClientStreaming(method, handler);
    }

    internal sealed class ServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler) : ServerMethodDefinition
        where TRequest : class where TResponse : class
    {
        public override IMethod Method => method;
        public override TResult Accept<TResult>(IServerMethodVisitor<TResult> visitor) => visitor.VisitServerStreaming(method, handler);
    }

    internal sealed class DuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler) : ServerMethodDefinition
        where TRequest : class where TResponse : class
    {
        public override IMethod Method => method;
        public override TResult Accept<TResult>(IServerMethodVisitor<TResult> visitor) => visitor.VisitDuplexStreaming(method, handler);
    }
}

/// <summary>Implemented by generated server bases so hosts can bind any of them the same way.</summary>
public interface IBindableService
{
    /// <summary>The service's definition, its methods bound to this instance.</summary>
    ServiceDefinition BindService();
}
