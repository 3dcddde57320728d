using System.Net.Sockets;

namespace Steward.Rpc.Ice;

public sealed partial class IceChannel
{
    private static readonly IceOperation<IceVoid, IceVoid> Ping = new("ice_ping", IceOperationMode.Nonmutating,
        static (_, _) => { }, static _ => IceVoid.Instance, static (_, _) => { }, static _ => IceVoid.Instance);

    private static readonly IceOperation<string, Box<bool>> IsA = new("ice_isA", IceOperationMode.Nonmutating,
        static (o, id) => o.WriteString(id), static i => i.ReadString(), static (o, r) => o.WriteBool(r.Value), static i => new Box<bool>(i.ReadBool()));

    private static readonly IceOperation<IceVoid, string> Id = new("ice_id", IceOperationMode.Nonmutating,
        static (_, _) => { }, static _ => IceVoid.Instance, static (o, r) => o.WriteString(r), static i => i.ReadString());

    private static readonly IceOperation<IceVoid, string[]> Ids = new("ice_ids", IceOperationMode.Nonmutating,
        static (_, _) => { }, static _ => IceVoid.Instance, static (o, r) => o.WriteStringSeq(r), static i => i.ReadStringSeq());

    /// <summary>Ice's <c>ice_ping</c>: completes when the object exists (else throws <see cref="IceObjectNotExistException"/>…).</summary>
    public Task PingAsync(CallOptions options = default) => CallAsync(Ping, IceVoid.Instance, options, false);

    /// <summary>Ice's <c>ice_isA</c>: whether the object implements the interface <paramref name="typeId"/> (<c>::Test::Operations</c>).</summary>
    public async Task<bool> IsAAsync(string typeId, CallOptions options = default) =>
        (await CallAsync(IsA, typeId, options, false).ConfigureAwait(false)).Value;

    /// <summary>Ice's <c>ice_id</c>: the object's most-derived type id.</summary>
    public Task<string> IdAsync(CallOptions options = default) => CallAsync(Id, IceVoid.Instance, options, false);

    /// <summary>Ice's <c>ice_ids</c>: every type id the object implements, sorted.</summary>
    public Task<string[]> IdsAsync(CallOptions options = default) => CallAsync(Ids, IceVoid.Instance, options, false);

    internal async Task<TResult> CallAsync<TArgs, TResult>(IceOperation<TArgs, TResult> operation, TArgs args, CallOptions options, bool oneway)
        where TArgs : class where TResult : class
    {
        var mode = oneway && Reference.Mode == IceInvocationMode.Twoway ? IceInvocationMode.Oneway : Reference.Mode;
        if (mode != IceInvocationMode.Twoway && typeof(TResult) != typeof(IceVoid))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"'{operation.Name}' returns values, so it cannot be called on a {mode} proxy (Ice::TwowayOnlyException)."));
        }
        var output = new IceOutputStream();
        if (mode != IceInvocationMode.BatchOneway)
        {
            IceFrameCodec.StartMessage(output, IceMessageType.Request);
            output.WriteInt(0);
        }
        IceFrameCodec.WriteRequestHead(output, Reference.Identity, Reference.Facet, operation.Name, operation.Mode, BuildContext(options.Headers), Reference.Encoding);
        // Classes in the arguments are sliced as the operation's ["format:..."] says.
        output.Format = operation.Format;
        operation.WriteArgs(output, args);
        output.EndEncapsulation();
        if (mode == IceInvocationMode.BatchOneway)
        {
            lock (_batch)
            {
                _batch.Add(output.ToArray());
            }
            return (TResult)(object)IceVoid.Instance;
        }
        IceFrameCodec.EndMessage(output);

        var timeout = Reference.Endpoints[0].Timeout;
        var deadline = options.Deadline ?? (timeout > 0 ? DateTime.UtcNow.AddMilliseconds(timeout) : null);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
        if (deadline is { } due && due != DateTime.MaxValue)
        {
            var remaining = due - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
            }
            cts.CancelAfter(remaining);
        }
        var token = cts.Token;
        IceReply reply;
        try
        {
            var connection = await _connections.GetAsync(Reference.Endpoints, token).ConfigureAwait(false);
            if (mode == IceInvocationMode.Oneway)
            {
                await connection.SendAsync(output.WrittenMemory, token).ConfigureAwait(false);
                return (TResult)(object)IceVoid.Instance;
            }
            reply = await connection.InvokeAsync(output.ToArray(), token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (token.IsCancellationRequested)
        {
            throw options.CancellationToken.IsCancellationRequested
                ? new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled.", debugException: ex))
                : new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded", debugException: ex));
        }
        catch (IceProtocolException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Bad Ice reply from {FormatEndpoints()}: {ex.Message}", debugException: ex));
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            throw Unavailable(ex);
        }
        return ReadReply(operation, reply);
    }

    private TResult ReadReply<TArgs, TResult>(IceOperation<TArgs, TResult> operation, IceReply reply)
        where TArgs : class where TResult : class
    {
        try
        {
            switch (reply.Status)
            {
                case IceReplyStatus.Ok:
                    var input = new IceInputStream(reply.Encapsulation, Options.Limits);
                    input.StartEncapsulation();
                    var result = operation.ReadResult(input);
                    input.EndEncapsulation();
                    return result;
                case IceReplyStatus.UserException:
                    throw IceUserExceptionWire.Read(reply.Encapsulation, Options.Limits);
                case IceReplyStatus.ObjectNotExist:
                    throw new IceObjectNotExistException(reply.Identity, reply.Facet, reply.Operation);
                case IceReplyStatus.FacetNotExist:
                    throw new IceFacetNotExistException(reply.Identity, reply.Facet, reply.Operation);
                case IceReplyStatus.OperationNotExist:
                    throw new IceOperationNotExistException(reply.Identity, reply.Facet, reply.Operation);
                case IceReplyStatus.UnknownLocalException:
                    throw new IceUnknownLocalException(reply.Message);
                case IceReplyStatus.UnknownUserException:
                    throw new IceUnknownUserException(reply.Message);
                default:
                    throw new IceUnknownException(reply.Message);
            }
        }
        catch (IceProtocolException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Bad reply to '{operation.Name}': {ex.Message}", debugException: ex));
        }
    }

    private List<KeyValuePair<string, string>> BuildContext(Metadata? headers)
    {
        var context = new Dictionary<string, string>(Options.Context, StringComparer.Ordinal);
        if (headers is not null)
        {
            foreach (var entry in headers)
            {
                if (entry.IsBinary)
                {
                    throw new RpcException(new Status(StatusCode.InvalidArgument, $"Header '{entry.Key}' is binary; an Ice context carries strings only."));
                }
                context[entry.Key] = entry.Value;
            }
        }
        return [.. context];
    }

    private sealed record Box<T>(T Value);
}
