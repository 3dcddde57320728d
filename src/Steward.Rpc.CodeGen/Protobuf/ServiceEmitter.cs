using System.Collections.Generic;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Protobuf;

/// <summary>
/// A service → a static class holding the method descriptors, an abstract <c>XxxBase</c> server
/// class and an <c>XxxClient</c> stub, all coded against Steward.Rpc's protocol-neutral call model.
/// </summary>
internal static class ServiceEmitter
{
    private const string R = "global::Steward.Rpc.";
    private const string Tasks = "global::System.Threading.Tasks.";
    private const string Pb = "global::Steward.Rpc.Protobuf.";
    private const string Buffers = "global::System.Buffers.";

    /// <summary>
    /// The nested class carrying the service's messages. The service creates it, not the messages:
    /// a message needs only Steward.Rpc.Protobuf, while a Marshaller belongs to the RPC core.
    /// </summary>
    private const string Marshaller = "__Marshaller";

    private sealed class MethodNames
    {
        public MethodDef Def = null!;
        public string Descriptor = "";
        public string Server = "";
        public string Client = "";
        public string ClientAsync = "";
        public string Request = "";
        public string Response = "";
    }

    public static void Emit(CodeWriter w, ServiceDef service, TypeNames names, CodeGenOptions options, string access)
    {
        var serviceName = Naming.Escape(service.Name);
        var baseClass = service.Name + "Base";
        var clientClass = service.Name + "Client";
        var holder = new MemberNames(new[] { service.Name, baseClass, clientClass, "ServiceName", Marshaller, "Equals", "GetHashCode", "ToString", "GetType", "ReferenceEquals" });
        var server = new MemberNames(new[] { baseClass, "BindService", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals" });
        var client = new MemberNames(new[] { clientClass, "CallInvoker", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals" });
        var methods = new List<MethodNames>();
        foreach (var method in service.Methods)
        {
            var m = new MethodNames
            {
                Def = method,
                Descriptor = holder.Claim(method.Name + "Method"),
                Server = server.Claim(method.Name),
                Request = names.FullName(method.InputType.Definition!),
                Response = names.FullName(method.OutputType.Definition!),
            };
            switch (method.CallKind)
            {
                case CallKind.Unary:
                    m.ClientAsync = client.Claim(method.Name + "Async");
                    break;
                case CallKind.ClientStreaming:
                    m.Client = client.Claim(method.Name);
                    m.ClientAsync = client.Claim(method.Name + "Async");
                    break;
                default:
                    m.Client = client.Claim(method.Name);
                    break;
            }
            methods.Add(m);
        }

        w.Doc(service.Documentation);
        w.Open($"{access} static partial class {serviceName}");
        w.Line($"/// <summary>The protocol-level service name, <c>{service.FullName}</c>.</summary>");
        w.Line($"public const string ServiceName = {Naming.Literal(service.FullName)};");
        w.Line();
        foreach (var m in methods)
        {
            var kind = m.Def.CallKind switch
            {
                CallKind.Unary => "Unary",
                CallKind.ServerStreaming => "ServerStreaming",
                CallKind.ClientStreaming => "ClientStreaming",
                _ => "DuplexStreaming",
            };
            w.Line($"public static readonly {R}Method<{m.Request}, {m.Response}> {Naming.Escape(m.Descriptor)} =");
            var codecs = Codecs(options, m.Def, m.Request, m.Response);
            w.Line($"    new({R}MethodType.{kind}, ServiceName, {Naming.Literal(m.Def.Name)}, {Marshaller}<{m.Request}>.Instance, {Marshaller}<{m.Response}>.Instance){(codecs is null ? ";" : "")}");
            if (codecs is not null)
            {
                w.Line($"    {{ Codecs = {codecs} }};");
            }
        }
        w.Line();
        EmitMarshaller(w);
        if (options.GenerateServers)
        {
            w.Line();
            EmitServer(w, baseClass, methods);
        }
        if (options.GenerateClients)
        {
            w.Line();
            EmitClient(w, clientClass, methods);
        }
        w.Close();
    }

    /// <summary>The <c>Codecs</c> initializer carrying the Thrift, Ice and CORBA codecs the options ask for, or null for none.</summary>
    private static string? Codecs(CodeGenOptions options, MethodDef method, string request, string response)
    {
        var chain = "";
        if (options.ThriftCodecs && ProtoThrift.ProtoThriftMethods.CodecsWith(method, request, response) is { } thrift)
        {
            chain += thrift;
        }
        if (options.IceCodecs && ProtoIce.ProtoIceMethods.Operation(method, request, response) is { } ice)
        {
            chain += ".With(" + ice + ")";
        }
        if (options.CorbaCodecs && ProtoCorba.ProtoCorbaMethods.Operation(method, request, response) is { } corba)
        {
            chain += ".With(" + corba + ")";
        }
        return chain.Length == 0 ? null : "global::Steward.Rpc.MethodCodecs.Empty" + chain;
    }

    private static void EmitMarshaller(CodeWriter w)
    {
        w.Line("/// <summary>Carries the service's messages in the protobuf encoding over any Steward protocol.</summary>");
        w.Open($"private sealed class {Marshaller}<T> : {R}Marshaller<T> where T : class, {Pb}IProtoMessage<T>, new()");
        w.Line($"public static readonly {Marshaller}<T> Instance = new();");
        w.Line($"public override void Serialize(T value, {Buffers}IBufferWriter<byte> output) => {Pb}ProtoMessage.WriteTo(value, output);");
        w.Line($"public override T Deserialize({Buffers}ReadOnlySequence<byte> input) => {Pb}ProtoMessage.Parse(new T(), input, {Pb}ProtoReaderOptions.Default);");
        w.Line("public override int GetSerializedSize(T value) => value.CalculateSize();");
        w.Close();
    }

    private static void EmitServer(CodeWriter w, string baseClass, List<MethodNames> methods)
    {
        w.Line("/// <summary>Derive from this and override the methods the service implements; the rest answer UNIMPLEMENTED.</summary>");
        w.Open($"public abstract partial class {baseClass} : {R}IBindableService");
        foreach (var m in methods)
        {
            var name = Naming.Escape(m.Server);
            var unimplemented = $"throw new {R}RpcException(new {R}Status({R}StatusCode.Unimplemented, {Naming.Literal("Method " + m.Def.Name + " is not implemented")}));";
            w.Doc(m.Def.Documentation);
            switch (m.Def.CallKind)
            {
                case CallKind.Unary:
                    w.Line($"public virtual {Tasks}Task<{m.Response}> {name}({m.Request} request, {R}ServerCallContext context) => {unimplemented}");
                    break;
                case CallKind.ServerStreaming:
                    w.Line($"public virtual {Tasks}Task {name}({m.Request} request, {R}IServerStreamWriter<{m.Response}> responseStream, {R}ServerCallContext context) => {unimplemented}");
                    break;
                case CallKind.ClientStreaming:
                    w.Line($"public virtual {Tasks}Task<{m.Response}> {name}({R}IAsyncStreamReader<{m.Request}> requestStream, {R}ServerCallContext context) => {unimplemented}");
                    break;
                default:
                    w.Line($"public virtual {Tasks}Task {name}({R}IAsyncStreamReader<{m.Request}> requestStream, {R}IServerStreamWriter<{m.Response}> responseStream, {R}ServerCallContext context) => {unimplemented}");
                    break;
            }
        }
        w.Line();
        w.Open($"public {R}ServiceDefinition BindService()");
        w.Line($"return {R}ServiceDefinition.CreateBuilder(ServiceName)");
        foreach (var m in methods)
        {
            var handler = m.Def.CallKind switch
            {
                CallKind.Unary => "UnaryServerMethod",
                CallKind.ServerStreaming => "ServerStreamingServerMethod",
                CallKind.ClientStreaming => "ClientStreamingServerMethod",
                _ => "DuplexStreamingServerMethod",
            };
            w.Line($"    .AddMethod({Naming.Escape(m.Descriptor)}, new {R}{handler}<{m.Request}, {m.Response}>({Naming.Escape(m.Server)}))");
        }
        w.Line("    .Build();");
        w.Close();
        w.Close();
    }

    private static void EmitClient(CodeWriter w, string clientClass, List<MethodNames> methods)
    {
        const string Headers = R + "Metadata? headers, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default";
        const string Options = "new " + R + "CallOptions(headers, deadline, cancellationToken)";
        w.Line("/// <summary>Calls the service through any Steward transport's <see cref=\"global::Steward.Rpc.CallInvoker\"/>.</summary>");
        w.Open($"public partial class {clientClass} : {R}ClientBase");
        w.Line($"public {clientClass}({R}CallInvoker callInvoker) : base(callInvoker) {{ }}");
        foreach (var m in methods)
        {
            w.Line();
            w.Doc(m.Def.Documentation);
            var descriptor = Naming.Escape(m.Descriptor);
            var client = Naming.Escape(m.Client);
            var clientAsync = Naming.Escape(m.ClientAsync);
            switch (m.Def.CallKind)
            {
                case CallKind.Unary:
                    w.Line($"public virtual {R}AsyncUnaryCall<{m.Response}> {clientAsync}({m.Request} request, {R}CallOptions options = default) =>");
                    w.Line($"    CallInvoker.AsyncUnaryCall({descriptor}, request, options);");
                    w.Line($"public virtual {R}AsyncUnaryCall<{m.Response}> {clientAsync}({m.Request} request, {Headers}) =>");
                    w.Line($"    {clientAsync}(request, {Options});");
                    break;
                case CallKind.ServerStreaming:
                    w.Line($"public virtual {R}AsyncServerStreamingCall<{m.Response}> {client}({m.Request} request, {R}CallOptions options = default) =>");
                    w.Line($"    CallInvoker.AsyncServerStreamingCall({descriptor}, request, options);");
                    w.Line($"public virtual {R}AsyncServerStreamingCall<{m.Response}> {client}({m.Request} request, {Headers}) =>");
                    w.Line($"    {client}(request, {Options});");
                    break;
                case CallKind.ClientStreaming:
                    w.Line($"public virtual {R}AsyncClientStreamingCall<{m.Request}, {m.Response}> {client}({R}CallOptions options = default) =>");
                    w.Line($"    CallInvoker.AsyncClientStreamingCall({descriptor}, options);");
                    w.Line($"public virtual {R}AsyncClientStreamingCall<{m.Request}, {m.Response}> {client}({Headers}) =>");
                    w.Line($"    {client}({Options});");
                    w.Line("/// <summary>Sends every request of the sequence, completes the stream and returns the response.</summary>");
                    w.Line($"public virtual {Tasks}Task<{m.Response}> {clientAsync}(global::System.Collections.Generic.IAsyncEnumerable<{m.Request}> requests, {R}CallOptions options = default) =>");
                    w.Line($"    {R}ClientCalls.ClientStreamingAsync({client}(options), requests, options.CancellationToken);");
                    break;
                default:
                    w.Line($"public virtual {R}AsyncDuplexStreamingCall<{m.Request}, {m.Response}> {client}({R}CallOptions options = default) =>");
                    w.Line($"    CallInvoker.AsyncDuplexStreamingCall({descriptor}, options);");
                    w.Line($"public virtual {R}AsyncDuplexStreamingCall<{m.Request}, {m.Response}> {client}({Headers}) =>");
                    w.Line($"    {client}({Options});");
                    w.Line("/// <summary>Streams the requests while yielding the responses as they arrive.</summary>");
                    w.Line($"public virtual global::System.Collections.Generic.IAsyncEnumerable<{m.Response}> {client}(global::System.Collections.Generic.IAsyncEnumerable<{m.Request}> requests, {R}CallOptions options = default) =>");
                    w.Line($"    {R}ClientCalls.DuplexStreamingAsync({client}(options), requests, options.CancellationToken);");
                    break;
            }
        }
        w.Close();
    }
}
