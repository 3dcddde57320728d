namespace Steward.Rpc.Ice;

internal sealed partial class IceServerConnection
{
    /// <summary>Runs one request; returns the whole reply message (which the caller drops for a oneway request).</summary>
    private async ValueTask<byte[]?> ExecuteAsync(IceRequest request)
    {
        var servant = _table.Find(request.Identity, request.Facet, out var missing);
        if (servant is null)
        {
            return Reject(request, missing);
        }
        if (request.Operation.StartsWith("ice_", StringComparison.Ordinal) && TryBuiltIn(request, servant) is { } builtIn)
        {
            return builtIn;
        }
        if (!servant.Operations.TryGetValue(request.Operation, out var handler))
        {
            return Reject(request, IceReplyStatus.OperationNotExist);
        }
        object args;
        try
        {
            var input = new IceInputStream(request.Encapsulation, _adapter.Limits);
            input.StartEncapsulation();
            args = handler.ReadArgs(input);
            input.EndEncapsulation();
        }
        catch (IceProtocolException ex)
        {
            // The request is well framed but its parameters are not: Ice answers with the MarshalException's text.
            IceServerLog.CallFailed(_dispatcher.Logger, request.Operation, "MarshalException", ex.Message);
            return IceFrameCodec.EncodeUnknownReply(request.RequestId, IceReplyStatus.UnknownLocalException, "Ice::MarshalException: " + ex.Message);
        }
        var headers = new Metadata();
        foreach (var (key, value) in request.Context)
        {
            if (key.Length > 0)
            {
                headers.Add(key, value);
            }
        }
        var context = new IceServerCallContext(handler.Method, request, _peer, headers, _closed.Token);
        object? response;
        try
        {
            response = await handler.InvokeAsync(args, context).ConfigureAwait(false);
            if (context.Status.StatusCode != StatusCode.OK)
            {
                throw new RpcException(context.Status);
            }
        }
        catch (OperationCanceledException) when (_closed.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return Fail(request, handler.Operation, context, ex);
        }
        if (request.IsOneway)
        {
            return null;
        }
        try
        {
            var output = new IceOutputStream();
            IceFrameCodec.StartEncapsulatedReply(output, request.RequestId, IceReplyStatus.Ok, request.Encoding);
            handler.WriteResult(output, response);
            output.EndEncapsulation();
            IceFrameCodec.EndMessage(output);
            return output.ToArray();
        }
        catch (Exception ex)
        {
            IceServerLog.HandlerThrew(_dispatcher.Logger, request.Operation, ex);
            return IceFrameCodec.EncodeUnknownReply(request.RequestId, IceReplyStatus.UnknownException,
                _dispatcher.Options.EnableDetailedErrors ? $"encoding the result of '{request.Operation}' failed: {ex.Message}" : $"unknown exception in '{request.Operation}'");
        }
    }

    private byte[]? Fail(IceRequest request, IIceOperation operation, IceServerCallContext context, Exception ex)
    {
        switch (ex)
        {
            case IceRequestFailedException failed:
                // A servant may answer "no such object" itself (a default servant that knows no such name).
                IceServerLog.RequestRejected(_dispatcher.Logger, request.Operation, request.Identity.ToString(), _peer, failed.ReplyStatus);
                return IceFrameCodec.EncodeNotExistReply(request.RequestId, failed.ReplyStatus, failed.Identity, failed.Facet, failed.Operation);
            case IceUserException user when operation.IsDeclared(user):
                var output = new IceOutputStream();
                IceFrameCodec.StartEncapsulatedReply(output, request.RequestId, IceReplyStatus.UserException, request.Encoding);
                if (IceUserExceptionWire.TryWrite(output, user, operation.Format, request.Encoding))
                {
                    output.EndEncapsulation();
                    IceFrameCodec.EndMessage(output);
                    return output.ToArray();
                }
                break;
        }
        var (status, message) = _dispatcher.Describe(context, operation, ex);
        return IceFrameCodec.EncodeUnknownReply(request.RequestId, status, message);
    }

    private byte[] Reject(IceRequest request, IceReplyStatus status)
    {
        IceServerLog.RequestRejected(_dispatcher.Logger, request.Operation, request.Identity.ToString(), _peer, status);
        return IceFrameCodec.EncodeNotExistReply(request.RequestId, status, request.Identity, request.Facet, request.Operation);
    }

    /// <summary>The operations every Ice object has; null when <paramref name="request"/> is not one of them.</summary>
    private byte[]? TryBuiltIn(IceRequest request, IceServant servant)
    {
        try
        {
            var input = new IceInputStream(request.Encapsulation, _adapter.Limits);
            input.StartEncapsulation();
            var output = new IceOutputStream();
            IceFrameCodec.StartEncapsulatedReply(output, request.RequestId, IceReplyStatus.Ok, request.Encoding);
            switch (request.Operation)
            {
                case "ice_ping":
                    break;
                case "ice_isA":
                    var typeId = input.ReadString();
                    output.WriteBool(servant.TypeIds.Contains(typeId, StringComparer.Ordinal));
                    break;
                case "ice_id":
                    output.WriteString(servant.TypeId);
                    break;
                case "ice_ids":
                    output.WriteStringSeq(servant.TypeIds.ToArray());
                    break;
                default:
                    return null;
            }
            input.EndEncapsulation();
            output.EndEncapsulation();
            IceFrameCodec.EndMessage(output);
            return output.ToArray();
        }
        catch (IceProtocolException ex)
        {
            return IceFrameCodec.EncodeUnknownReply(request.RequestId, IceReplyStatus.UnknownLocalException, "Ice::MarshalException: " + ex.Message);
        }
    }
}
