namespace Steward.Rpc.Corba.Naming;

/// <summary>One component of a CosNaming name (<c>CosNaming::NameComponent</c>): an id and a kind, either may be empty.</summary>
public sealed record NameComponent(string Id, string Kind = "")
{
    internal static void Write(CdrOutputStream output, NameComponent component)
    {
        output.WriteString(component.Id);
        output.WriteString(component.Kind);
    }

    internal static NameComponent Read(CdrInputStream input) => new(input.ReadString(), input.ReadString());

    internal static void WriteName(CdrOutputStream output, IReadOnlyList<NameComponent> name) => output.WriteSequence(name, Write);

    internal static NameComponent[] ReadName(CdrInputStream input) => input.ReadSequence(Read, 8);

    /// <summary>The component as <see cref="CosNames.ToString(IReadOnlyList{NameComponent})"/> writes it.</summary>
    public override string ToString() => CosNames.ToString([this]);
}

/// <summary>What a binding names (<c>CosNaming::BindingType</c>).</summary>
public enum BindingType
{
    /// <summary>An object.</summary>
    Object = 0,
    /// <summary>A naming context.</summary>
    Context = 1,
}

/// <summary>One entry of a context's listing (<c>CosNaming::Binding</c>).</summary>
public sealed record Binding(IReadOnlyList<NameComponent> Name, BindingType Type)
{
    internal static Binding Read(CdrInputStream input) => new(NameComponent.ReadName(input), (BindingType)input.ReadEnum(2));

    internal static void Write(CdrOutputStream output, Binding binding)
    {
        NameComponent.WriteName(output, binding.Name);
        output.WriteEnum((uint)binding.Type);
    }

    /// <summary>The binding's name as a string name.</summary>
    public override string ToString() => CosNames.ToString(Name) + (Type == BindingType.Context ? "/" : "");
}

/// <summary>Why a name was not found (<c>CosNaming::NamingContext::NotFoundReason</c>).</summary>
public enum NotFoundReason
{
    /// <summary>A component is not bound.</summary>
    MissingNode = 0,
    /// <summary>A component that must be a context is bound to an object.</summary>
    NotContext = 1,
    /// <summary>The last component is bound to a context where an object was expected.</summary>
    NotObject = 2,
}

/// <summary>The repository ids of CosNaming (with its <c>omg.org</c> prefix).</summary>
public static class CosNamingIds
{
    /// <summary><c>CosNaming::NamingContext</c>.</summary>
    public const string NamingContext = "IDL:omg.org/CosNaming/NamingContext:1.0";
    /// <summary><c>CosNaming::NamingContextExt</c>.</summary>
    public const string NamingContextExt = "IDL:omg.org/CosNaming/NamingContextExt:1.0";
    /// <summary><c>CosNaming::BindingIterator</c>.</summary>
    public const string BindingIterator = "IDL:omg.org/CosNaming/BindingIterator:1.0";
    /// <summary><c>NamingContext::NotFound</c>.</summary>
    public const string NotFound = "IDL:omg.org/CosNaming/NamingContext/NotFound:1.0";
    /// <summary><c>NamingContext::CannotProceed</c>.</summary>
    public const string CannotProceed = "IDL:omg.org/CosNaming/NamingContext/CannotProceed:1.0";
    /// <summary><c>NamingContext::InvalidName</c>.</summary>
    public const string InvalidName = "IDL:omg.org/CosNaming/NamingContext/InvalidName:1.0";
    /// <summary><c>NamingContext::AlreadyBound</c>.</summary>
    public const string AlreadyBound = "IDL:omg.org/CosNaming/NamingContext/AlreadyBound:1.0";
    /// <summary><c>NamingContext::NotEmpty</c>.</summary>
    public const string NotEmpty = "IDL:omg.org/CosNaming/NamingContext/NotEmpty:1.0";
    /// <summary><c>NamingContextExt::InvalidAddress</c>.</summary>
    public const string InvalidAddress = "IDL:omg.org/CosNaming/NamingContextExt/InvalidAddress:1.0";
}

/// <summary><c>NamingContext::NotFound</c>: part of the name is not bound, or bound to the wrong kind of thing.</summary>
public sealed class NotFoundException(NotFoundReason why, IReadOnlyList<NameComponent> restOfName)
    : CorbaUserException($"Name not found ({why}); rest of name '{CosNames.ToString(restOfName)}'.")
{
    /// <summary>Why.</summary>
    public NotFoundReason Why { get; } = why;
    /// <summary>The part of the name from the component that failed.</summary>
    public IReadOnlyList<NameComponent> RestOfName { get; } = restOfName;
    /// <inheritdoc />
    public override string RepositoryId => CosNamingIds.NotFound;

    /// <inheritdoc />
    public override void WriteMembers(CdrOutputStream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteEnum((uint)Why);
        NameComponent.WriteName(output, RestOfName);
    }

    internal static CorbaUserException ReadMembers(CdrInputStream input) =>
        new NotFoundException((NotFoundReason)input.ReadEnum(3), NameComponent.ReadName(input));
}

/// <summary><c>NamingContext::CannotProceed</c>: the server could not go on resolving (the context to continue with is given).</summary>
public sealed class CannotProceedException(CorbaObjectReference context, IReadOnlyList<NameComponent> restOfName)
    : CorbaUserException($"Cannot proceed; rest of name '{CosNames.ToString(restOfName)}'.")
{
    /// <summary>The context where resolution stopped.</summary>
    public CorbaObjectReference Context { get; } = context;
    /// <summary>The part of the name not resolved.</summary>
    public IReadOnlyList<NameComponent> RestOfName { get; } = restOfName;
    /// <inheritdoc />
    public override string RepositoryId => CosNamingIds.CannotProceed;

    /// <inheritdoc />
    public override void WriteMembers(CdrOutputStream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        CorbaObjectReference.Write(output, Context);
        NameComponent.WriteName(output, RestOfName);
    }

    internal static CorbaUserException ReadMembers(CdrInputStream input) =>
        new CannotProceedException(CorbaObjectReference.Read(input), NameComponent.ReadName(input));
}

/// <summary>A CosNaming exception without members: InvalidName, AlreadyBound, NotEmpty or InvalidAddress, told apart by <see cref="RepositoryId"/>.</summary>
public sealed class NamingException : CorbaUserException
{
    private NamingException(string repositoryId, string message) : base(message) => RepositoryId = repositoryId;

    /// <summary>An InvalidName exception.</summary>
    public static NamingException InvalidName() => new(CosNamingIds.InvalidName, "The name is invalid (empty, or a component is malformed).");
    /// <summary>An AlreadyBound exception.</summary>
    public static NamingException AlreadyBound() => new(CosNamingIds.AlreadyBound, "The name is already bound.");
    /// <summary>A NotEmpty exception.</summary>
    public static NamingException NotEmpty() => new(CosNamingIds.NotEmpty, "The context is not empty.");
    /// <summary>An InvalidAddress exception.</summary>
    public static NamingException InvalidAddress() => new(CosNamingIds.InvalidAddress, "The address is invalid.");

    /// <inheritdoc />
    public override string RepositoryId { get; }

    /// <summary>True for InvalidName.</summary>
    public bool IsInvalidName => RepositoryId == CosNamingIds.InvalidName;
    /// <summary>True for AlreadyBound.</summary>
    public bool IsAlreadyBound => RepositoryId == CosNamingIds.AlreadyBound;
    /// <summary>True for NotEmpty.</summary>
    public bool IsNotEmpty => RepositoryId == CosNamingIds.NotEmpty;

    /// <inheritdoc />
    public override void WriteMembers(CdrOutputStream output)
    {
    }

    internal static CdrReader<CorbaUserException> Reader(Func<NamingException> create) => _ => create();
}
