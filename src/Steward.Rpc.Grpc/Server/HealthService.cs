using System.Buffers;
using System.Collections.Concurrent;
using System.Text;

namespace Steward.Rpc.Grpc;

/// <summary>grpc.health.v1 serving status.</summary>
public enum ServingStatus
{
    /// <summary>The status is not known.</summary>
    Unknown = 0,
    /// <summary>The service is serving.</summary>
    Serving = 1,
    /// <summary>The service is up but not serving.</summary>
    NotServing = 2,
    /// <summary>Only for Watch: the service is not known to the server.</summary>
    ServiceUnknown = 3,
}

/// <summary>
/// The standard health service (grpc.health.v1.Health: Check and Watch). The empty service name means the whole
/// server and starts as SERVING. Its two messages are one field each, so they are encoded here by hand.
/// </summary>
public sealed class HealthService : IBindableService
{
    /// <summary>The service's fully qualified name.</summary>
    public const string ServiceName = "grpc.health.v1.Health";

    private static readonly Marshaller<string> RequestMarshaller = Marshallers.Create<string>(WriteRequest, ReadRequest);
    private static readonly Marshaller<HealthStatusBox> ResponseMarshaller = Marshallers.Create<HealthStatusBox>(WriteResponse, ReadResponse);

    /// <summary>Check: unary, HealthCheckRequest → HealthCheckResponse.</summary>
    public static readonly Method<string, HealthStatusBox> CheckMethod = new(MethodType.Unary, ServiceName, "Check", RequestMarshaller, ResponseMarshaller);
    /// <summary>Watch: server streaming, one response now and one per change.</summary>
    public static readonly Method<string, HealthStatusBox> WatchMethod = new(MethodType.ServerStreaming, ServiceName, "Watch", RequestMarshaller, ResponseMarshaller);

    // Protobuf wire types (encoding.md) and the two tags health.proto needs: tag = field number << 3 | wire type.
    private const int WireTypeVarint = 0;
    private const int WireTypeFixed64 = 1;
    private const int WireTypeLengthDelimited = 2;
    private const int WireTypeFixed32 = 5;
    private const byte ServiceTag = 1 << 3 | WireTypeLengthDelimited;
    private const byte StatusTag = 1 << 3 | WireTypeVarint;

    private readonly ConcurrentDictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal) { [""] = ServingStatus.Serving };
    private event Action<string, ServingStatus>? Changed;

    /// <summary>Sets a service's status (the empty name is the whole server) and tells every Watch of it.</summary>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        _statuses[service] = status;
        Changed?.Invoke(service, status);
    }

    /// <summary>Forgets a service's status: Check answers NOT_FOUND for it and its watchers see SERVICE_UNKNOWN.</summary>
    public void ClearStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _statuses.TryRemove(service, out _);
        Changed?.Invoke(service, ServingStatus.ServiceUnknown);
    }

    /// <summary>The health service's definition, Check and Watch bound to this instance.</summary>
    public ServiceDefinition BindService() =>
        ServiceDefinition.CreateBuilder(ServiceName)
            .AddMethod(CheckMethod, Check)
            .AddMethod(WatchMethod, Watch)
            .Build();

    private Task<HealthStatusBox> Check(string service, ServerCallContext context) =>
        _statuses.TryGetValue(service, out var status)
            ? Task.FromResult(new HealthStatusBox(status))
            : throw new RpcException(new Status(StatusCode.NotFound, $"Unknown service '{service}'."));

    private async Task Watch(string service, IServerStreamWriter<HealthStatusBox> responses, ServerCallContext context)
    {
        var updates = System.Threading.Channels.Channel.CreateUnbounded<ServingStatus>();
        void OnChanged(string name, ServingStatus status)
        {
            if (name == service)
            {
                updates.Writer.TryWrite(status);
            }
        }
        Changed += OnChanged;
        try
        {
            await responses.WriteAsync(new HealthStatusBox(_statuses.TryGetValue(service, out var s) ? s : ServingStatus.ServiceUnknown)).ConfigureAwait(false);
            await foreach (var status in updates.Reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                await responses.WriteAsync(new HealthStatusBox(status)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client stopped watching: that ends the call, not an error.
        }
        finally
        {
            Changed -= OnChanged;
        }
    }

    // HealthCheckRequest { string service = 1; }
    private static void WriteRequest(string service, IBufferWriter<byte> output)
    {
        if (service.Length == 0)
        {
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(service);
        output.Write<byte>([ServiceTag]);
        WriteVarint(output, (uint)bytes.Length);
        output.Write(bytes);
    }

    private static string ReadRequest(ReadOnlySequence<byte> input)
    {
        var reader = new SequenceReader<byte>(input);
        var service = "";
        while (!reader.End)
        {
            var tag = ReadVarint(ref reader);
            if (tag == ServiceTag)
            {
                var length = ReadVarint(ref reader);
                if (length > (ulong)reader.Remaining)
                {
                    throw new InvalidDataException("HealthCheckRequest: truncated string.");
                }
                service = Encoding.UTF8.GetString(input.Slice(reader.Position, (long)length));
                reader.Advance((long)length);
            }
            else
            {
                SkipField(ref reader, tag);
            }
        }
        return service;
    }

    // HealthCheckResponse { ServingStatus status = 1; }
    private static void WriteResponse(HealthStatusBox value, IBufferWriter<byte> output)
    {
        if (value.Status != ServingStatus.Unknown)
        {
            output.Write<byte>([StatusTag, (byte)value.Status]);
        }
    }

    private static HealthStatusBox ReadResponse(ReadOnlySequence<byte> input)
    {
        var reader = new SequenceReader<byte>(input);
        var status = ServingStatus.Unknown;
        while (!reader.End)
        {
            var tag = ReadVarint(ref reader);
            if (tag == StatusTag)
            {
                status = (ServingStatus)(int)ReadVarint(ref reader);
            }
            else
            {
                SkipField(ref reader, tag);
            }
        }
        return new HealthStatusBox(status);
    }

    private static void WriteVarint(IBufferWriter<byte> output, uint value)
    {
        Span<byte> buffer = stackalloc byte[5];
        var n = 0;
        while (value >= 0x80)
        {
            buffer[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[n++] = (byte)value;
        output.Write(buffer[..n]);
    }

    private static ulong ReadVarint(ref SequenceReader<byte> reader)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (!reader.TryRead(out var b))
            {
                throw new InvalidDataException("Truncated varint.");
            }
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }
        throw new InvalidDataException("Varint longer than 10 bytes.");
    }

    private static long SkipVarint(ref SequenceReader<byte> reader)
    {
        ReadVarint(ref reader);
        return 0;
    }

    private static void SkipField(ref SequenceReader<byte> reader, ulong tag)
    {
        long skip = (tag & 7) switch
        {
            WireTypeVarint => SkipVarint(ref reader),
            WireTypeFixed64 => 8,
            WireTypeLengthDelimited => (long)ReadVarint(ref reader),
            WireTypeFixed32 => 4,
            _ => throw new InvalidDataException($"Unsupported wire type {tag & 7}."),
        };
        if (skip < 0 || skip > reader.Remaining)
        {
            throw new InvalidDataException("Truncated field.");
        }
        reader.Advance(skip);
    }
}

/// <summary>A HealthCheckResponse (a class, because the call model carries reference types).</summary>
public sealed record HealthStatusBox(ServingStatus Status);
