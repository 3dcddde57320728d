using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Steward.Rpc.Grpc.Reflection.V1;
using Steward.Rpc.Protobuf;

namespace Steward.Rpc.Grpc.Reflection;

/// <summary>
/// gRPC server reflection (grpc.reflection.v1.ServerReflection and the older, wire-identical
/// grpc.reflection.v1alpha.ServerReflection): lists the hosted services and hands out the serialized
/// FileDescriptorProtos that generated code registered in <see cref="ProtoDescriptorRegistry"/>, so
/// grpcurl, grpc_cli, Grpc.Reflection or grpcio-reflection can describe and call the server. A question
/// that cannot be answered gets an <c>error_response</c> (NOT_FOUND …) and the stream stays open.
/// </summary>
public sealed class ReflectionService
{
    /// <summary>The name of the v1 reflection service.</summary>
    public const string V1ServiceName = "grpc.reflection.v1.ServerReflection";
    /// <summary>The name of the older v1alpha reflection service, still asked for by many clients.</summary>
    public const string V1AlphaServiceName = "grpc.reflection.v1alpha.ServerReflection";

    // v1alpha's messages are field-for-field the same as v1's, so one set of types serves both.
    // The generated v1 descriptor brings the protobuf marshallers (messages alone carry none).
    private static readonly Method<ServerReflectionRequest, ServerReflectionResponse> V1Method = ServerReflection.ServerReflectionInfoMethod;
    private static readonly Method<ServerReflectionRequest, ServerReflectionResponse> V1AlphaMethod =
        new(MethodType.DuplexStreaming, V1AlphaServiceName, "ServerReflectionInfo", V1Method.RequestMarshaller, V1Method.ResponseMarshaller);

    private readonly Func<IEnumerable<string>> _serviceNames;
    private readonly ILogger _logger;
    private DescriptorIndex? _index;

    /// <summary>Lists the services of the server's <see cref="ServiceRegistry"/> (resolved on first use: the registry contains this service).</summary>
    public ReflectionService(IServiceProvider services, ILogger<ReflectionService>? logger = null)
        : this(() => services.GetRequiredService<ServiceRegistry>().Services.Select(s => s.Name), logger)
    {
        ArgumentNullException.ThrowIfNull(services);
    }

    /// <summary>Lists the given service names (for hosts without a container).</summary>
    public ReflectionService(Func<IEnumerable<string>> serviceNames, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(serviceNames);
        _serviceNames = serviceNames;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The v1 service's definition, bound to this instance.</summary>
    public ServiceDefinition BindV1() => ServiceDefinition.CreateBuilder(V1ServiceName).AddMethod(V1Method, ServerReflectionInfo).Build();

    /// <summary>The v1alpha service's definition, bound to this instance.</summary>
    public ServiceDefinition BindV1Alpha() => ServiceDefinition.CreateBuilder(V1AlphaServiceName).AddMethod(V1AlphaMethod, ServerReflectionInfo).Build();

    private async Task ServerReflectionInfo(IAsyncStreamReader<ServerReflectionRequest> requests, IServerStreamWriter<ServerReflectionResponse> responses, ServerCallContext context)
    {
        while (await requests.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            await responses.WriteAsync(Answer(requests.Current), context.CancellationToken).ConfigureAwait(false);
        }
    }

    internal ServerReflectionResponse Answer(ServerReflectionRequest request)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        var index = Index();
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new ListServiceResponse();
                foreach (var name in _serviceNames())
                {
                    list.Service.Add(new ServiceResponse { Name = name });
                }
                response.ListServicesResponse = list;
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                var fileName = request.FileByFilename;
                if (index.HasFile(fileName))
                {
                    response.FileDescriptorResponse = Files(index, fileName);
                }
                else
                {
                    response.ErrorResponse = NotFound($"File not found: {fileName}");
                }
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                var symbol = request.FileContainingSymbol;
                if (index.FileContainingSymbol(symbol) is { } declaring)
                {
                    response.FileDescriptorResponse = Files(index, declaring);
                }
                else
                {
                    response.ErrorResponse = NotFound($"Symbol not found: {symbol}");
                }
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                var extension = request.FileContainingExtension!;
                if (index.FileContainingExtension(extension.ContainingType, extension.ExtensionNumber) is { } extensionFile)
                {
                    response.FileDescriptorResponse = Files(index, extensionFile);
                }
                else
                {
                    response.ErrorResponse = NotFound($"Extension not found: {extension.ContainingType} number {extension.ExtensionNumber}");
                }
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                var typeName = request.AllExtensionNumbersOfType;
                if (index.IsMessage(typeName))
                {
                    var numbers = new ExtensionNumberResponse { BaseTypeName = typeName.TrimStart('.') };
                    numbers.ExtensionNumber.AddRange(index.ExtensionNumbersOf(typeName));
                    response.AllExtensionNumbersResponse = numbers;
                }
                else
                {
                    response.ErrorResponse = NotFound($"Type not found: {typeName}");
                }
                break;
            default:
                // A question this server does not know (unset, or a newer field of the oneof): the reference servers answer UNIMPLEMENTED.
                response.ErrorResponse = new ErrorResponse { ErrorCode = (int)StatusCode.Unimplemented, ErrorMessage = "Unknown reflection request." };
                break;
        }
        return response;
    }

    private static ErrorResponse NotFound(string message) => new() { ErrorCode = (int)StatusCode.NotFound, ErrorMessage = message };

    private static FileDescriptorResponse Files(DescriptorIndex index, string fileName)
    {
        var files = new FileDescriptorResponse();
        foreach (var bytes in index.FileWithDependencies(fileName))
        {
            files.FileDescriptorProto.Add(new ByteString(bytes));
        }
        return files;
    }

    private DescriptorIndex Index()
    {
        var index = Volatile.Read(ref _index);
        if (index is null || index.Version != ProtoDescriptorRegistry.Version)
        {
            index = DescriptorIndex.Build();
            foreach (var broken in index.BrokenFiles)
            {
                _logger.LogWarning("Server reflection: the registered descriptor of {File} is not a valid FileDescriptorProto; it is left out.", broken);
            }
            Volatile.Write(ref _index, index);
        }
        return index;
    }
}
