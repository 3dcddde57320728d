namespace Steward.Rpc.Corba.Naming;

/// <summary>
/// A client of a CosNaming naming context (<c>NamingContext</c> and <c>NamingContextExt</c>, as omniNames serves them),
/// over a <see cref="CorbaChannel"/>. Failures are the CosNaming user exceptions (<see cref="NotFoundException"/>,
/// <see cref="CannotProceedException"/>, <see cref="NamingException"/>) or system exceptions.
/// </summary>
public sealed class NamingContextClient : IDisposable
{
    private static readonly Dictionary<string, CdrReader<CorbaUserException>> Lookup = new(StringComparer.Ordinal)
    {
        [CosNamingIds.NotFound] = NotFoundException.ReadMembers,
        [CosNamingIds.CannotProceed] = CannotProceedException.ReadMembers,
        [CosNamingIds.InvalidName] = NamingException.Reader(NamingException.InvalidName),
    };

    private static readonly Dictionary<string, CdrReader<CorbaUserException>> Binds = new(Lookup, StringComparer.Ordinal)
    {
        [CosNamingIds.AlreadyBound] = NamingException.Reader(NamingException.AlreadyBound),
    };

    private static readonly Dictionary<string, CdrReader<CorbaUserException>> Destroying = new(StringComparer.Ordinal)
    {
        [CosNamingIds.NotEmpty] = NamingException.Reader(NamingException.NotEmpty),
    };

    private static readonly Dictionary<string, CdrReader<CorbaUserException>> None = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, CdrReader<CorbaUserException>> Naming = new(StringComparer.Ordinal)
    {
        [CosNamingIds.InvalidName] = NamingException.Reader(NamingException.InvalidName),
    };

    private static readonly CorbaOperation<NameAndObject, CorbaVoid> Bind = Op<NameAndObject, CorbaVoid>("bind", NameAndObject.Write, CorbaVoid.Read, Binds);
    private static readonly CorbaOperation<NameAndObject, CorbaVoid> Rebind = Op<NameAndObject, CorbaVoid>("rebind", NameAndObject.Write, CorbaVoid.Read, Lookup);
    private static readonly CorbaOperation<NameAndObject, CorbaVoid> BindContext = Op<NameAndObject, CorbaVoid>("bind_context", NameAndObject.Write, CorbaVoid.Read, Binds);
    private static readonly CorbaOperation<NameAndObject, CorbaVoid> RebindContext = Op<NameAndObject, CorbaVoid>("rebind_context", NameAndObject.Write, CorbaVoid.Read, Lookup);
    private static readonly CorbaOperation<NameArg, CorbaObjectReference> Resolve = Op<NameArg, CorbaObjectReference>("resolve", NameArg.Write, CorbaObjectReference.Read, Lookup);
    private static readonly CorbaOperation<NameArg, CorbaVoid> Unbind = Op<NameArg, CorbaVoid>("unbind", NameArg.Write, CorbaVoid.Read, Lookup);
    private static readonly CorbaOperation<CorbaVoid, CorbaObjectReference> NewContext = Op<CorbaVoid, CorbaObjectReference>("new_context", CorbaVoid.Write, CorbaObjectReference.Read, Naming);
    private static readonly CorbaOperation<NameArg, CorbaObjectReference> BindNewContext = Op<NameArg, CorbaObjectReference>("bind_new_context", NameArg.Write, CorbaObjectReference.Read, Binds);
    private static readonly CorbaOperation<CorbaVoid, CorbaVoid> Destroy = Op<CorbaVoid, CorbaVoid>("destroy", CorbaVoid.Write, CorbaVoid.Read, Destroying);
    private static readonly CorbaOperation<Count, Listing> List = Op<Count, Listing>("list", Count.Write, Listing.Read, None);
    private static readonly CorbaOperation<NameArg, Text> ToStringOp = Op<NameArg, Text>("to_string", NameArg.Write, Text.Read, Naming);
    private static readonly CorbaOperation<Text, NameArg> ToNameOp = Op<Text, NameArg>("to_name", Text.Write, NameArg.Read, Naming);
    private static readonly CorbaOperation<Text, CorbaObjectReference> ResolveStr = Op<Text, CorbaObjectReference>("resolve_str", Text.Write, CorbaObjectReference.Read, Binds);
    private static readonly CorbaOperation<Count, Listing> NextN = Op<Count, Listing>("next_n", Count.Write, Listing.ReadNext, None);
    private static readonly CorbaOperation<CorbaVoid, CorbaVoid> DestroyIterator = Op<CorbaVoid, CorbaVoid>("destroy", CorbaVoid.Write, CorbaVoid.Read, None);

    private readonly CorbaChannel _channel;
    private readonly bool _ownsChannel;

    /// <summary>A client of the context <paramref name="channel"/> calls (the channel stays the caller's).</summary>
    public NamingContextClient(CorbaChannel channel) : this(channel, ownsChannel: false)
    {
    }

    private NamingContextClient(CorbaChannel channel, bool ownsChannel)
    {
        _channel = channel ?? throw new ArgumentNullException(nameof(channel));
        _ownsChannel = ownsChannel;
    }

    /// <summary>
    /// A client of the context at <paramref name="reference"/>: an <c>IOR:</c> string, a <c>corbaloc:</c> URL
    /// (<c>corbaloc:iiop:127.0.0.1:2809/NameService</c>) or a <c>corbaname:</c> URL without a name (<c>corbaname::127.0.0.1:2809</c>).
    /// </summary>
    public static NamingContextClient Connect(string reference, CorbaChannelOptions? options = null) => new(new CorbaChannel(reference, options), ownsChannel: true);

    /// <summary>The channel to this context.</summary>
    public CorbaChannel Channel => _channel;

    /// <summary>A client of another context (a reference this one returned) over the same connections.</summary>
    public NamingContextClient WithContext(CorbaObjectReference context) => new(_channel.WithReference(context), ownsChannel: true);

    /// <summary><c>resolve</c>: the object bound to <paramref name="name"/>.</summary>
    public Task<CorbaObjectReference> ResolveAsync(IReadOnlyList<NameComponent> name, CallOptions options = default) =>
        _channel.CallAsync(Resolve, new NameArg(name), options, false);

    /// <summary><c>resolve</c> of a string name (<see cref="CosNames.Parse"/>).</summary>
    public Task<CorbaObjectReference> ResolveAsync(string name, CallOptions options = default) => ResolveAsync(CosNames.Parse(name), options);

    /// <summary><c>bind</c>: binds <paramref name="name"/> to <paramref name="target"/>; AlreadyBound if it is bound.</summary>
    public Task BindAsync(IReadOnlyList<NameComponent> name, CorbaObjectReference target, CallOptions options = default) =>
        _channel.CallAsync(Bind, new NameAndObject(name, target), options, false);

    /// <summary><c>rebind</c>: binds <paramref name="name"/> to <paramref name="target"/>, replacing an object binding.</summary>
    public Task RebindAsync(IReadOnlyList<NameComponent> name, CorbaObjectReference target, CallOptions options = default) =>
        _channel.CallAsync(Rebind, new NameAndObject(name, target), options, false);

    /// <summary><c>bind_context</c>: binds <paramref name="name"/> to the context <paramref name="context"/>.</summary>
    public Task BindContextAsync(IReadOnlyList<NameComponent> name, CorbaObjectReference context, CallOptions options = default) =>
        _channel.CallAsync(BindContext, new NameAndObject(name, context), options, false);

    /// <summary><c>rebind_context</c>: binds <paramref name="name"/> to the context <paramref name="context"/>, replacing a context binding.</summary>
    public Task RebindContextAsync(IReadOnlyList<NameComponent> name, CorbaObjectReference context, CallOptions options = default) =>
        _channel.CallAsync(RebindContext, new NameAndObject(name, context), options, false);

    /// <summary><c>unbind</c>: removes the binding of <paramref name="name"/>.</summary>
    public Task UnbindAsync(IReadOnlyList<NameComponent> name, CallOptions options = default) =>
        _channel.CallAsync(Unbind, new NameArg(name), options, false);

    /// <summary><c>new_context</c>: a new, unbound context on the same server.</summary>
    public Task<CorbaObjectReference> NewContextAsync(CallOptions options = default) => _channel.CallAsync(NewContext, CorbaVoid.Instance, options, false);

    /// <summary><c>bind_new_context</c>: a new context, bound to <paramref name="name"/>.</summary>
    public Task<CorbaObjectReference> BindNewContextAsync(IReadOnlyList<NameComponent> name, CallOptions options = default) =>
        _channel.CallAsync(BindNewContext, new NameArg(name), options, false);

    /// <summary><c>destroy</c>: destroys this (empty) context; NotEmpty otherwise.</summary>
    public Task DestroyAsync(CallOptions options = default) => _channel.CallAsync(Destroy, CorbaVoid.Instance, options, false);

    /// <summary><c>list</c>: up to <paramref name="howMany"/> bindings, and an iterator over the rest (null when there is none).</summary>
    public async Task<(IReadOnlyList<Binding> Bindings, BindingIteratorClient? Iterator)> ListAsync(uint howMany, CallOptions options = default)
    {
        var listing = await _channel.CallAsync(List, new Count(howMany), options, false).ConfigureAwait(false);
        var iterator = listing.Iterator is { IsNil: false } reference ? new BindingIteratorClient(_channel.WithReference(reference)) : null;
        return (listing.Bindings, iterator);
    }

    /// <summary>Every binding: <c>list</c>, then the iterator's <c>next_n</c> in batches of <paramref name="batch"/> until it is done, then its <c>destroy</c>.</summary>
    public async Task<IReadOnlyList<Binding>> ListAllAsync(uint batch = 100, CallOptions options = default)
    {
        var (first, iterator) = await ListAsync(batch, options).ConfigureAwait(false);
        var all = new List<Binding>(first);
        if (iterator is null)
        {
            return all;
        }
        using (iterator)
        {
            while (true)
            {
                var (more, next) = await iterator.NextNAsync(batch, options).ConfigureAwait(false);
                all.AddRange(next);
                if (!more || next.Count == 0)
                {
                    break;
                }
            }
            await iterator.DestroyAsync(options).ConfigureAwait(false);
        }
        return all;
    }

    /// <summary><c>NamingContextExt::to_string</c>, asked of the server.</summary>
    public async Task<string> ToStringAsync(IReadOnlyList<NameComponent> name, CallOptions options = default) =>
        (await _channel.CallAsync(ToStringOp, new NameArg(name), options, false).ConfigureAwait(false)).Value;

    /// <summary><c>NamingContextExt::to_name</c>, asked of the server.</summary>
    public async Task<IReadOnlyList<NameComponent>> ToNameAsync(string name, CallOptions options = default) =>
        (await _channel.CallAsync(ToNameOp, new Text(name), options, false).ConfigureAwait(false)).Name;

    /// <summary><c>NamingContextExt::resolve_str</c>.</summary>
    public Task<CorbaObjectReference> ResolveStrAsync(string name, CallOptions options = default) =>
        _channel.CallAsync(ResolveStr, new Text(name), options, false);

    /// <summary>Disposes the channel when this client made it.</summary>
    public void Dispose()
    {
        if (_ownsChannel)
        {
            _channel.Dispose();
        }
    }

    internal static CorbaOperation<TArgs, TResult> Op<TArgs, TResult>(string name, CdrWriter<TArgs> write, CdrReader<TResult> read,
        IReadOnlyDictionary<string, CdrReader<CorbaUserException>> raises)
        where TArgs : class where TResult : class =>
        new(name, false, write, _ => throw new NotSupportedException(), (_, _) => throw new NotSupportedException(), read)
        {
            InterfaceRepositoryId = CosNamingIds.NamingContextExt,
            RepositoryIds = [CosNamingIds.NamingContextExt, CosNamingIds.NamingContext],
            UserExceptions = raises,
        };

    internal static CorbaOperation<Count, Listing> NextNOperation => NextN;

    internal static CorbaOperation<CorbaVoid, CorbaVoid> DestroyIteratorOperation => DestroyIterator;

    private sealed record NameAndObject(IReadOnlyList<NameComponent> Name, CorbaObjectReference Object)
    {
        public static void Write(CdrOutputStream output, NameAndObject value)
        {
            NameComponent.WriteName(output, value.Name);
            CorbaObjectReference.Write(output, value.Object);
        }
    }

    private sealed record NameArg(IReadOnlyList<NameComponent> Name)
    {
        public static void Write(CdrOutputStream output, NameArg value) => NameComponent.WriteName(output, value.Name);

        public static NameArg Read(CdrInputStream input) => new(NameComponent.ReadName(input));
    }

    private sealed record Text(string Value)
    {
        public static void Write(CdrOutputStream output, Text value) => output.WriteString(value.Value);

        public static Text Read(CdrInputStream input) => new(input.ReadString());
    }

    internal sealed record Count(uint Value)
    {
        public static void Write(CdrOutputStream output, Count value) => output.WriteULong(value.Value);
    }

    internal sealed record Listing(bool More, IReadOnlyList<Binding> Bindings, CorbaObjectReference? Iterator)
    {
        public static Listing Read(CdrInputStream input) =>
            new(true, input.ReadSequence(Binding.Read, 8), CorbaObjectReference.Read(input));

        public static Listing ReadNext(CdrInputStream input)
        {
            var more = input.ReadBoolean();
            return new Listing(more, input.ReadSequence(Binding.Read, 8), null);
        }
    }
}

/// <summary>A client of a CosNaming <c>BindingIterator</c>, as <c>list</c> returns it.</summary>
public sealed class BindingIteratorClient : IDisposable
{
    private readonly CorbaChannel _channel;

    internal BindingIteratorClient(CorbaChannel channel) => _channel = channel;

    /// <summary>The iterator's reference.</summary>
    public CorbaObjectReference Reference => _channel.Reference;

    /// <summary><c>next_n</c>: up to <paramref name="howMany"/> more bindings; false when there were none left.</summary>
    public async Task<(bool More, IReadOnlyList<Binding> Bindings)> NextNAsync(uint howMany, CallOptions options = default)
    {
        var listing = await _channel.CallAsync(NamingContextClient.NextNOperation, new NamingContextClient.Count(howMany), options, false).ConfigureAwait(false);
        return (listing.More, listing.Bindings);
    }

    /// <summary><c>destroy</c>: releases the iterator on the server.</summary>
    public Task DestroyAsync(CallOptions options = default) =>
        _channel.CallAsync(NamingContextClient.DestroyIteratorOperation, CorbaVoid.Instance, options, false);

    /// <summary>Closes this client (not the shared connections).</summary>
    public void Dispose() => _channel.Dispose();
}
