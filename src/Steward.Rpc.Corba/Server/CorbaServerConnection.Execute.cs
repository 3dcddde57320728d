using System.Runtime.CompilerServices;

namespace Steward.Rpc.Corba;

internal sealed partial class CorbaServerConnection
{
    private static readonly CdrWriter<bool> WriteBoolean = static (o, v) => o.WriteBoolean(v);
    private static readonly CdrWriter<string> WriteString = static (o, v) => o.WriteString(v);
    private static readonly CdrWriter<(CorbaMethodHandler Handler, object? Response)> WriteResult = static (o, r) => r.Handler.WriteResult(o, r.Response);
    private static readonly CdrWriter<CorbaUserException> WriteUserException = static (o, e) =>
    {
        o.WriteString(e.RepositoryId);
        e.WriteMembers(o);
    };

    /// <summary>Runs one request and sends its reply (none for oneway requests and cancelled calls). Never throws.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask DispatchAsync(GiopRequest request, CallGate.Lease lease)
    {
        using (lease)
        {
            CancellationTokenSource? call = CancellationTokenSource.CreateLinkedTokenSource(_closed.Token);
            if (!_calls.TryAdd(request.RequestId, call))
            {
                // A request id still in use: this call cannot be cancelled by id.
                call.Dispose();
                call = null;
            }
            byte[]? reply;
            try
            {
                reply = await ExecuteAsync(request, call?.Token ?? _closed.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_closed.IsCancellationRequested)
            {
                CorbaServerLog.ConnectionLost(_dispatcher.Logger, _peer, $"closed while '{request.Operation}' was running");
                return;
            }
            finally
            {
                if (call is not null)
                {
                    _calls.TryRemove(new KeyValuePair<uint, CancellationTokenSource>(request.RequestId, call));
                }
            }
            var cancelled = call?.IsCancellationRequested ?? false;
            call?.Dispose();
            if (reply is not null && request.ResponseExpected && !cancelled)
            {
                await SendAsync(reply).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs one request; returns the whole reply message (which the caller drops for a oneway request).</summary>
    private async ValueTask<byte[]?> ExecuteAsync(GiopRequest request, CancellationToken cancellationToken)
    {
        byte[] key;
        try
        {
            key = request.Target.ResolveKey(_limits);
        }
        catch (CorbaSystemException ex)
        {
            return Reject(request, ex);
        }
        var servant = _table.Find(key);
        if (servant is null)
        {
            return Reject(request, CorbaSystemException.ObjectNotExist($"No object has the key '{CorbaKeys.Format(key)}'.", CorbaDispatcher.NoMatchMinor));
        }
        if (request.Operation.StartsWith('_') && TryBuiltIn(request, servant) is { } builtIn)
        {
            return builtIn;
        }
        if (!servant.Operations.TryGetValue(request.Operation, out var handler))
        {
            return Reject(request, CorbaSystemException.BadOperation($"'{servant.RepositoryId}' has no operation '{request.Operation}'.", CorbaDispatcher.UnknownOperationMinor));
        }
        object args;
        try
        {
            args = handler.ReadArgs(request.OpenBody(_codeSets, _limits));
        }
        catch (CorbaSystemException ex)
        {
            return Reject(request, ex.Completed == CompletionStatus.No ? ex : new CorbaSystemException(ex.Name, ex.Minor, CompletionStatus.No, ex.Message));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Reject(request, CorbaSystemException.Marshal($"The arguments of '{request.Operation}' could not be read: {ex.Message}"));
        }
        var context = new CorbaServerCallContext(handler.Method, key, request.Operation, request.RequestId, request.Version, _peer, cancellationToken);
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
            return Fail(request, handler.Operation, ex);
        }
        if (!request.ResponseExpected)
        {
            return null;
        }
        try
        {
            return GiopCodec.EncodeReply(request.Version, request.RequestId, GiopReplyStatus.NoException, [], _codeSets, WriteResult, (handler, response));
        }
        catch (CorbaSystemException ex)
        {
            CorbaServerLog.CallFailed(_dispatcher.Logger, request.Operation, ex.Name, ex.Message);
            return GiopCodec.EncodeSystemExceptionReply(request.Version, request.RequestId, new CorbaSystemException(ex.Name, ex.Minor, CompletionStatus.Yes, ex.Message));
        }
        catch (Exception ex)
        {
            CorbaServerLog.HandlerThrew(_dispatcher.Logger, request.Operation, ex);
            return GiopCodec.EncodeSystemExceptionReply(request.Version, request.RequestId, CorbaSystemException.Marshal("The result could not be encoded.", 0, CompletionStatus.Yes));
        }
    }

    private byte[] Fail(GiopRequest request, ICorbaOperation operation, Exception ex)
    {
        if (ex is CorbaUserException user && operation.IsDeclared(user))
        {
            try
            {
                return GiopCodec.EncodeReply(request.Version, request.RequestId, GiopReplyStatus.UserException, [], _codeSets, WriteUserException, user);
            }
            catch (Exception writeFailure)
            {
                CorbaServerLog.HandlerThrew(_dispatcher.Logger, request.Operation, writeFailure);
                return GiopCodec.EncodeSystemExceptionReply(request.Version, request.RequestId, CorbaSystemException.Marshal("The user exception could not be encoded.", 0, CompletionStatus.Yes));
            }
        }
        return GiopCodec.EncodeSystemExceptionReply(request.Version, request.RequestId, _dispatcher.Describe(request.Operation, ex));
    }

    private byte[] Reject(GiopRequest request, CorbaSystemException exception)
    {
        CorbaServerLog.RequestRejected(_dispatcher.Logger, request.Operation, _peer, exception.Name);
        return GiopCodec.EncodeSystemExceptionReply(request.Version, request.RequestId, exception);
    }

    /// <summary>The operations every CORBA object has; null when <paramref name="request"/> is not one of them.</summary>
    private byte[]? TryBuiltIn(GiopRequest request, CorbaServant servant)
    {
        try
        {
            switch (request.Operation)
            {
                case "_is_a":
                    var id = request.OpenBody(_codeSets, _limits).ReadString();
                    return GiopCodec.EncodeReply(request.Version, request.RequestId, GiopReplyStatus.NoException, [], _codeSets, WriteBoolean, servant.RepositoryIds.Contains(id));
                case "_non_existent" or "_not_existent":
                    return GiopCodec.EncodeReply(request.Version, request.RequestId, GiopReplyStatus.NoException, [], _codeSets, WriteBoolean, false);
                case "_repository_id":
                    return GiopCodec.EncodeReply(request.Version, request.RequestId, GiopReplyStatus.NoException, [], _codeSets, WriteString, servant.RepositoryId);
                case "_interface" or "_get_interface" or "_component" or "_get_component":
                    return Reject(request, new CorbaSystemException("NO_IMPLEMENT", 0, CompletionStatus.No, "Steward has no interface repository."));
                default:
                    return null;
            }
        }
        catch (CorbaSystemException ex)
        {
            return Reject(request, ex);
        }
    }

    private byte[] Locate(GiopLocateRequest request)
    {
        try
        {
            var key = request.Target.ResolveKey(_limits);
            var status = _table.Find(key) is null ? GiopLocateStatus.UnknownObject : GiopLocateStatus.ObjectHere;
            return GiopCodec.EncodeLocateReply<object?>(request.Version, request.RequestId, status, null, null);
        }
        catch (CorbaSystemException ex) when (request.Version.IsAtLeast(1, 2))
        {
            return GiopCodec.EncodeLocateReply(request.Version, request.RequestId, GiopLocateStatus.LocSystemException, GiopCodec.WriteSystemException, ex);
        }
        catch (CorbaSystemException)
        {
            return GiopCodec.EncodeLocateReply<object?>(request.Version, request.RequestId, GiopLocateStatus.UnknownObject, null, null);
        }
    }
}

/// <summary>Object keys as text for messages: printable ASCII as is, other bytes as %xx.</summary>
internal static class CorbaKeys
{
    public static string Format(byte[] key)
    {
        var text = new System.Text.StringBuilder(key.Length);
        foreach (var b in key)
        {
            if (b is >= 0x20 and < 0x7f and not (byte)'%')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return text.ToString();
    }
}
