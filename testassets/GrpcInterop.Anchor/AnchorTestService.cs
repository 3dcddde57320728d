using Google.Protobuf;
using Grpc.Core;
using Grpc.Testing;

namespace GrpcInterop.Anchor;

/// <summary>grpc.testing.TestService on Grpc.AspNetCore, per the interop descriptions' server features.</summary>
public sealed class AnchorTestService : TestService.TestServiceBase
{
    public override Task<Empty> EmptyCall(Empty request, ServerCallContext context) => Task.FromResult(new Empty());

    public override async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        await EchoMetadata(context);
        // Grpc.AspNetCore exposes neither the per-message flag nor grpc-encoding in RequestHeaders: the HTTP header stands in.
        var encoding = context.GetHttpContext().Request.Headers["grpc-encoding"].ToString();
        if (request.ExpectCompressed?.Value == true && encoding is "" or "identity")
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Expected compressed request."));
        }
        ThrowIfStatus(request.ResponseStatus);
        if (request.ResponseCompressed?.Value != true)
        {
            context.WriteOptions = new WriteOptions(WriteFlags.NoCompress);
        }
        return new SimpleResponse { Payload = Zeros(request.ResponseSize) };
    }

    public override async Task StreamingOutputCall(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        ThrowIfStatus(request.ResponseStatus);
        foreach (var p in request.ResponseParameters)
        {
            await Respond(p, responseStream, context);
        }
    }

    public override async Task<StreamingInputCallResponse> StreamingInputCall(IAsyncStreamReader<StreamingInputCallRequest> requestStream, ServerCallContext context)
    {
        var total = 0;
        await foreach (var request in requestStream.ReadAllAsync())
        {
            total += request.Payload?.Body.Length ?? 0;
        }
        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    public override async Task FullDuplexCall(IAsyncStreamReader<StreamingOutputCallRequest> requestStream, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        await EchoMetadata(context);
        await foreach (var request in requestStream.ReadAllAsync())
        {
            ThrowIfStatus(request.ResponseStatus);
            foreach (var p in request.ResponseParameters)
            {
                await Respond(p, responseStream, context);
            }
        }
    }

    private static async Task Respond(ResponseParameters p, IServerStreamWriter<StreamingOutputCallResponse> stream, ServerCallContext context)
    {
        if (p.IntervalUs > 0)
        {
            await Task.Delay(TimeSpan.FromTicks(p.IntervalUs * 10L), context.CancellationToken);
        }
        stream.WriteOptions = p.Compressed?.Value == true ? new WriteOptions() : new WriteOptions(WriteFlags.NoCompress);
        await stream.WriteAsync(new StreamingOutputCallResponse { Payload = Zeros(p.Size) });
    }

    private static Payload Zeros(int size) => new() { Body = ByteString.CopyFrom(new byte[size]) };

    private static async Task EchoMetadata(ServerCallContext context)
    {
        if (context.RequestHeaders.Get("x-grpc-test-echo-initial") is { } initial)
        {
            await context.WriteResponseHeadersAsync(new Metadata { { initial.Key, initial.Value } });
        }
        if (context.RequestHeaders.Get("x-grpc-test-echo-trailing-bin") is { } trailing)
        {
            context.ResponseTrailers.Add(trailing.Key, trailing.ValueBytes);
        }
    }

    private static void ThrowIfStatus(EchoStatus? status)
    {
        if (status is not null && status.Code != 0)
        {
            throw new RpcException(new Status((StatusCode)status.Code, status.Message));
        }
    }
}
