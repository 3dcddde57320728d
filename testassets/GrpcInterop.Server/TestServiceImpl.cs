using Grpc.Testing;
using Steward.Rpc;
using Steward.Rpc.Grpc;

namespace GrpcInterop.Server;

/// <summary>grpc.testing.TestService as the interop test descriptions define its server features.</summary>
public sealed class TestServiceImpl : TestService.TestServiceBase
{
    private const string EchoInitial = "x-grpc-test-echo-initial";
    private const string EchoTrailing = "x-grpc-test-echo-trailing-bin";

    public override Task<Empty> EmptyCall(Empty request, ServerCallContext context) => Task.FromResult(new Empty());

    public override async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context).ConfigureAwait(false);
        CheckCompressed(request.ExpectCompressed, context);
        ThrowIfStatus(request.ResponseStatus);
        SetResponseCompression(request.ResponseCompressed, context);
        return new SimpleResponse { Payload = Zeros(request.ResponseSize) };
    }

    public override Task<SimpleResponse> CacheableUnaryCall(SimpleRequest request, ServerCallContext context) => UnaryCall(request, context);

    public override async Task StreamingOutputCall(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        ThrowIfStatus(request.ResponseStatus);
        foreach (var parameters in request.ResponseParameters)
        {
            await RespondAsync(parameters, responseStream, context).ConfigureAwait(false);
        }
    }

    public override async Task<StreamingInputCallResponse> StreamingInputCall(IAsyncStreamReader<StreamingInputCallRequest> requestStream, ServerCallContext context)
    {
        var total = 0;
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            CheckCompressed(requestStream.Current.ExpectCompressed, context);
            total += requestStream.Current.Payload?.Body.Length ?? 0;
        }
        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    public override async Task FullDuplexCall(IAsyncStreamReader<StreamingOutputCallRequest> requestStream, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context).ConfigureAwait(false);
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var request = requestStream.Current;
            ThrowIfStatus(request.ResponseStatus);
            foreach (var parameters in request.ResponseParameters)
            {
                await RespondAsync(parameters, responseStream, context).ConfigureAwait(false);
            }
        }
    }

    public override async Task HalfDuplexCall(IAsyncStreamReader<StreamingOutputCallRequest> requestStream, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        var buffered = new List<StreamingOutputCallRequest>();
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            buffered.Add(requestStream.Current);
        }
        foreach (var request in buffered)
        {
            ThrowIfStatus(request.ResponseStatus);
            foreach (var parameters in request.ResponseParameters)
            {
                await RespondAsync(parameters, responseStream, context).ConfigureAwait(false);
            }
        }
    }

    private static async Task RespondAsync(ResponseParameters parameters, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        if (parameters.IntervalUs > 0)
        {
            await Task.Delay(TimeSpan.FromTicks(parameters.IntervalUs * 10L), context.CancellationToken).ConfigureAwait(false);
        }
        SetResponseCompression(parameters.Compressed, context);
        await responseStream.WriteAsync(new StreamingOutputCallResponse { Payload = Zeros(parameters.Size) }).ConfigureAwait(false);
    }

    private static Payload Zeros(int size) => new() { Body = new byte[size] };

    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        if (context.RequestHeaders.GetValue(EchoInitial) is { } initial)
        {
            await context.WriteResponseHeadersAsync(new Metadata().Add(EchoInitial, initial)).ConfigureAwait(false);
        }
        if (context.RequestHeaders.GetValueBytes(EchoTrailing) is { } trailing)
        {
            context.ResponseTrailers.Add(EchoTrailing, trailing);
        }
    }

    private static void ThrowIfStatus(EchoStatus? status)
    {
        if (status is not null && status.Code != 0)
        {
            throw new RpcException(new Status((StatusCode)status.Code, status.Message));
        }
    }

    /// <summary>CompressedRequest: a request that expects compression but arrived uncompressed is INVALID_ARGUMENT.</summary>
    private static void CheckCompressed(Grpc.Testing.BoolValue? expect, ServerCallContext context)
    {
        if (expect is { Value: true } && context is GrpcServerCallContext grpc && !grpc.LastRequestCompressed)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Expected compressed request but got uncompressed one."));
        }
    }

    private static void SetResponseCompression(Grpc.Testing.BoolValue? compressed, ServerCallContext context)
    {
        if (context is GrpcServerCallContext grpc)
        {
            grpc.ResponseCompression = compressed is { Value: true } ? GrpcProtocol.Gzip : null;
        }
    }
}
