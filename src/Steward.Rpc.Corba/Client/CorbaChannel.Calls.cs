using System.Net.Sockets;

namespace Steward.Rpc.Corba;

public sealed partial class CorbaChannel
{
    /// <summary>omniORB's TRANSIENT_ConnectFailed.</summary>
    internal const uint ConnectFailedMinor = 0x41540000 | 2;
    /// <summary>omniORB's TRANSIENT_ConnectionClosed.</summary>
    internal const uint ConnectionClosedMinor = 0x41540000 | 17;
    /// <summary>OMG TRANSIENT minor 2: no usable profile in the reference.</summary>
    internal const uint NoUsableProfileMinor = CorbaSystemException.OmgMinorBase | 2;

    private static readonly CorbaOperation<Box<string>, Box<bool>> IsA = new("_is_a", false,
        static (o, v) => o.WriteString(v.Value), static i => new Box<string>(i.ReadString()),
        static (o, r) => o.WriteBoolean(r.Value), static i => new Box<bool>(i.ReadBoolean()));

    private static readonly CorbaOperation<CorbaVoid, Box<bool>> NonExistent = new("_non_existent", false,
        CorbaVoid.Write, CorbaVoid.Read, static (o, r) => o.WriteBoolean(r.Value), static i => new Box<bool>(i.ReadBoolean()));

    /// <summary>CORBA's <c>_is_a</c>: whether the object implements the interface <paramref name="repositoryId"/> (<c>IDL:Test/Operations:1.0</c>).</summary>
    public async Task<bool> IsAAsync(string repositoryId, CallOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(repositoryId);
        return (await CallAsync(IsA, new Box<string>(repositoryId), options, false).ConfigureAwait(false)).Value;
    }

    /// <summary>CORBA's <c>_non_existent</c>: true when the server knows the object no longer exists.</summary>
    public async Task<bool> NonExistentAsync(CallOptions options = default)
    {
        try
        {
            return (await CallAsync(NonExistent, CorbaVoid.Instance, options, false).ConfigureAwait(false)).Value;
        }
        catch (CorbaSystemException ex) when (ex.Name == "OBJECT_NOT_EXIST")
        {
            return true;
        }
    }

    /// <summary>
    /// Sends a LocateRequest: true when the server answers OBJECT_HERE, false for UNKNOWN_OBJECT. OBJECT_FORWARD replies are
    /// followed (up to <see cref="CorbaChannelOptions.MaxForwards"/>); LOC_SYSTEM_EXCEPTION is thrown.
    /// </summary>
    public async Task<bool> LocateAsync(CallOptions options = default)
    {
        using var call = CallToken.Start(options);
        var target = Reference;
        for (var hop = 0; ; hop++)
        {
            var (connection, profile, version, _) = await ConnectAsync(target, call).ConfigureAwait(false);
            var id = connection.NextRequestId();
            var message = GiopCodec.EncodeLocateRequest(version, id, GiopTarget.ForKey(profile.ObjectKey));
            var reply = (GiopLocateReply)await InvokeAsync(connection, version, id, message, call).ConfigureAwait(false);
            switch (reply.Status)
            {
                case GiopLocateStatus.ObjectHere:
                    return true;
                case GiopLocateStatus.UnknownObject:
                    return false;
                case GiopLocateStatus.ObjectForward or GiopLocateStatus.ObjectForwardPerm when hop < Options.MaxForwards:
                    target = Decode(() => CorbaObjectReference.Read(reply.OpenBody(Options.Limits)));
                    break;
                case GiopLocateStatus.LocSystemException:
                    throw Decode(() => GiopCodec.ReadSystemException(reply.OpenBody(Options.Limits)));
                default:
                    throw CorbaSystemException.Transient($"LocateReply {reply.Status} after {hop} forwards.", NoUsableProfileMinor);
            }
        }
    }

    internal async Task<TResult> CallAsync<TArgs, TResult>(CorbaOperation<TArgs, TResult> operation, TArgs args, CallOptions options, bool oneway)
        where TArgs : class where TResult : class
    {
        oneway |= operation.IsOneway;
        if (oneway && typeof(TResult) != typeof(CorbaVoid))
        {
            throw CorbaSystemException.BadParam($"'{operation.Name}' returns values, so it cannot be sent oneway.");
        }
        using var call = CallToken.Start(options);
        var target = Reference;
        var addressing = GiopTarget.KeyAddr;
        for (var hop = 0; ; hop++)
        {
            var (connection, profile, version, codeSets) = await ConnectAsync(target, call).ConfigureAwait(false);
            var id = connection.NextRequestId();
            GiopServiceContext[] contexts = version.IsAtLeast(1, 1) && connection.SendCodeSets ? [GiopServiceContext.ForCodeSets(connection.CodeSets)] : [];
            var address = addressing switch
            {
                GiopTarget.ProfileAddr => new GiopTarget(GiopTarget.ProfileAddr, null, profile.ToTaggedProfile(), 0, null),
                GiopTarget.ReferenceAddr => new GiopTarget(GiopTarget.ReferenceAddr, null, null, (uint)IndexOfIiop(target), target),
                _ => GiopTarget.ForKey(profile.ObjectKey),
            };
            var message = GiopCodec.EncodeRequest(version, id, oneway ? (byte)0 : (byte)3, address, operation.Name, contexts, codeSets, operation.WriteArgs, args);
            if (oneway)
            {
                try
                {
                    await connection.SendAsync(message, call.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
                {
                    throw CorbaSystemException.CommFailure($"Sending '{operation.Name}' to {Target} failed: {ex.Message}");
                }
                catch (OperationCanceledException ex) when (call.Token.IsCancellationRequested)
                {
                    throw call.Stopped(ex);
                }
                return (TResult)(object)CorbaVoid.Instance;
            }
            var reply = (GiopReply)await InvokeAsync(connection, version, id, message, call).ConfigureAwait(false);
            switch (reply.Status)
            {
                case GiopReplyStatus.NoException:
                    return Decode(() => operation.ReadResult(reply.OpenBody(codeSets, Options.Limits)));
                case GiopReplyStatus.UserException:
                    throw Decode<Exception>(() =>
                    {
                        var input = reply.OpenBody(codeSets, Options.Limits);
                        var repositoryId = input.ReadString();
                        return (Exception?)operation.ReadUserException(repositoryId, input)
                            ?? new CorbaSystemException("UNKNOWN", CorbaSystemException.OmgMinorBase | 1, CompletionStatus.Maybe,
                                $"'{operation.Name}' raised {repositoryId}, which it does not declare.");
                    });
                case GiopReplyStatus.SystemException:
                    throw Decode(() => GiopCodec.ReadSystemException(reply.OpenBody(codeSets, Options.Limits)));
                case GiopReplyStatus.LocationForward or GiopReplyStatus.LocationForwardPerm when hop < Options.MaxForwards:
                    target = Decode(() => CorbaObjectReference.Read(reply.OpenBody(codeSets, Options.Limits)));
                    addressing = GiopTarget.KeyAddr;
                    break;
                case GiopReplyStatus.NeedsAddressingMode when hop < Options.MaxForwards:
                    addressing = Decode(() => reply.OpenBody(codeSets, Options.Limits).ReadShort());
                    if (addressing is < GiopTarget.KeyAddr or > GiopTarget.ReferenceAddr)
                    {
                        throw CorbaSystemException.Marshal($"NEEDS_ADDRESSING_MODE asks for addressing disposition {addressing}.", 0, CompletionStatus.No);
                    }
                    break;
                default:
                    throw CorbaSystemException.Transient($"'{operation.Name}' was forwarded more than {Options.MaxForwards} times.", NoUsableProfileMinor);
            }
        }
    }

    private async Task<(CorbaClientConnection Connection, IiopProfile Profile, GiopVersion Version, CodeSets CodeSets)> ConnectAsync(CorbaObjectReference target, CallToken call)
    {
        var profile = Decode(() => target.FindIiopProfile(Options.Limits))
            ?? throw CorbaSystemException.Transient($"The reference ({target.TypeId}) has no IIOP profile.", NoUsableProfileMinor);
        var max = Options.MaxGiopVersion;
        var version = profile.Version.IsAtLeast(max.Major, max.Minor) ? max : profile.Version;
        if (!version.IsSupported)
        {
            version = GiopVersion.V1_2;
        }
        var offered = version.IsAtLeast(1, 1) ? Decode(() => CorbaReferenceText.ChooseCodeSets(profile, Options.Limits)) : null;
        try
        {
            var connection = await _connections.GetAsync(profile.Host, profile.Port, offered, call.Token).ConfigureAwait(false);
            return (connection, profile, version, version.IsAtLeast(1, 1) ? connection.CodeSets : CodeSets.Default);
        }
        catch (OperationCanceledException ex) when (call.Token.IsCancellationRequested)
        {
            throw call.Stopped(ex);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            throw CorbaSystemException.Transient($"Connecting to {profile.Host}:{profile.Port} failed: {ex.Message}", ConnectFailedMinor);
        }
    }

    private static async Task<object> InvokeAsync(CorbaClientConnection connection, GiopVersion version, uint id, byte[] message, CallToken call)
    {
        try
        {
            return await connection.InvokeAsync(id, message, call.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (call.Token.IsCancellationRequested)
        {
            // The server may stop working on it; its reply, if any, is dropped.
            _ = SendCancelAsync(connection, version, id);
            throw call.Stopped(ex);
        }
        catch (ServerClosedException ex)
        {
            throw CorbaSystemException.Transient($"The server closed the connection before answering: {ex.Message}", ConnectionClosedMinor);
        }
        catch (GiopProtocolException ex)
        {
            throw CorbaSystemException.CommFailure($"The connection failed: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            throw CorbaSystemException.CommFailure($"The connection failed during the call: {ex.Message}");
        }
    }

    private static async Task SendCancelAsync(CorbaClientConnection connection, GiopVersion version, uint id)
    {
        try
        {
            await connection.SendAsync(GiopCodec.EncodeCancelRequest(version, id), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or GiopProtocolException)
        {
            // The connection is gone; there is nothing left to cancel.
        }
    }

    private static int IndexOfIiop(CorbaObjectReference reference)
    {
        for (var i = 0; i < reference.Profiles.Count; i++)
        {
            if (reference.Profiles[i].Tag == TaggedProfile.InternetIop)
            {
                return i;
            }
        }
        return 0;
    }

    // A reply that cannot be read is a MARSHAL whose completion is not known.
    private static T Decode<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (CorbaSystemException ex) when (ex.Name == "MARSHAL" && ex.Completed != CompletionStatus.Maybe)
        {
            throw new CorbaSystemException(ex.Name, ex.Minor, CompletionStatus.Maybe, ex.Message);
        }
    }

    private sealed record Box<T>(T Value) where T : notnull;

    /// <summary>A call's token: the caller's, cut short by the deadline.</summary>
    private sealed class CallToken : IDisposable
    {
        private readonly CancellationTokenSource _source;
        private readonly CancellationToken _caller;

        private CallToken(CancellationTokenSource source, CancellationToken caller)
        {
            _source = source;
            _caller = caller;
        }

        public CancellationToken Token => _source.Token;

        public static CallToken Start(CallOptions options)
        {
            var source = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
            if (options.Deadline is { } due && due != DateTime.MaxValue)
            {
                var remaining = due.ToUniversalTime() - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero)
                {
                    source.Dispose();
                    throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
                }
                source.CancelAfter(remaining);
            }
            return new CallToken(source, options.CancellationToken);
        }

        public RpcException Stopped(Exception ex) => _caller.IsCancellationRequested
            ? new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled.", debugException: ex))
            : new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded", debugException: ex));

        public void Dispose() => _source.Dispose();
    }
}
