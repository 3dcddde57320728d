namespace Steward.Rpc.Corba;

/// <summary>
/// A CORBA TypeCode (CORBA 3.0 4.11 and 15.3.5): the kind of a value and, for constructed kinds, their
/// parameters (repository id, name, members, bound, content type). Basic kinds are the static properties
/// (<see cref="Long"/>, <see cref="String"/>, ...); the others come from the <c>Create...</c> factories or from
/// the wire. TypeCodes are immutable once built; one read from the wire may be recursive (a struct whose
/// member is a sequence of itself), which equality and CDR handle.
/// </summary>
public sealed partial class TypeCode
{
    private static readonly TypeCode[] Basics = CreateBasics();

    // Assigned once: by a factory, or by the reader after the TypeCode exists (so that a member may refer back to it).
    private string _id = "";
    private string _name = "";
    private string[] _memberNames = [];
    private TypeCode[] _memberTypes = [];
    private object?[] _memberLabels = [];
    private short[] _memberVisibilities = [];

    internal TypeCode(TCKind kind)
    {
        Kind = kind;
    }

    /// <summary>The kind.</summary>
    public TCKind Kind { get; }

    /// <summary>The repository id (objref, struct, union, enum, alias, except and the value kinds); empty otherwise or when the sender omitted it.</summary>
    public string Id => _id;

    /// <summary>The simple name (same kinds as <see cref="Id"/>); may be empty.</summary>
    public string Name => _name;

    /// <summary>The member names: fields of a struct, union or except (or value), enumerators of an enum.</summary>
    public IReadOnlyList<string> MemberNames => _memberNames;

    /// <summary>The member types of a struct, union, except or value, in the order of <see cref="MemberNames"/>.</summary>
    public IReadOnlyList<TypeCode> MemberTypes => _memberTypes;

    /// <summary>
    /// A union's case labels, one per member, as CLR values of the discriminator type (an enum discriminator's
    /// label is its enumerator's index as <see cref="uint"/>); null for the default member.
    /// </summary>
    public IReadOnlyList<object?> MemberLabels => _memberLabels;

    /// <summary>A value type's member visibilities (0 private, 1 public).</summary>
    public IReadOnlyList<short> MemberVisibilities => _memberVisibilities;

    /// <summary>The number of members (or enumerators).</summary>
    public int MemberCount => _memberNames.Length;

    /// <summary>A union's discriminator type.</summary>
    public TypeCode? DiscriminatorType { get; private set; }

    /// <summary>A union's default member index, or -1 when it has none.</summary>
    public int DefaultIndex { get; private set; } = -1;

    /// <summary>The bound of a string, wstring or sequence (0: unbounded), or an array's length.</summary>
    public uint Length { get; private set; }

    /// <summary>The element type of a sequence or array, the aliased type of an alias, the boxed type of a value box.</summary>
    public TypeCode? ContentType { get; private set; }

    /// <summary>A fixed's digits.</summary>
    public ushort FixedDigits { get; private set; }

    /// <summary>A fixed's scale.</summary>
    public short FixedScale { get; private set; }

    /// <summary>A value type's modifier (VM_NONE 0, VM_CUSTOM 1, VM_ABSTRACT 2, VM_TRUNCATABLE 3).</summary>
    public short ValueModifier { get; private set; }

    /// <summary>A value type's concrete base (a tk_null TypeCode when it has none).</summary>
    public TypeCode? ConcreteBase { get; private set; }

    /// <summary>tk_null.</summary>
    public static TypeCode Null => Basics[(int)TCKind.Null];

    /// <summary>tk_void.</summary>
    public static TypeCode Void => Basics[(int)TCKind.Void];

    /// <summary>tk_short.</summary>
    public static TypeCode Short => Basics[(int)TCKind.Short];

    /// <summary>tk_long.</summary>
    public static TypeCode Long => Basics[(int)TCKind.Long];

    /// <summary>tk_ushort.</summary>
    public static TypeCode UShort => Basics[(int)TCKind.UShort];

    /// <summary>tk_ulong.</summary>
    public static TypeCode ULong => Basics[(int)TCKind.ULong];

    /// <summary>tk_float.</summary>
    public static TypeCode Float => Basics[(int)TCKind.Float];

    /// <summary>tk_double.</summary>
    public static TypeCode Double => Basics[(int)TCKind.Double];

    /// <summary>tk_boolean.</summary>
    public static TypeCode Boolean => Basics[(int)TCKind.Boolean];

    /// <summary>tk_char.</summary>
    public static TypeCode Char => Basics[(int)TCKind.Char];

    /// <summary>tk_octet.</summary>
    public static TypeCode Octet => Basics[(int)TCKind.Octet];

    /// <summary>tk_any.</summary>
    public static TypeCode Any => Basics[(int)TCKind.Any];

    /// <summary>tk_TypeCode.</summary>
    public static TypeCode OfTypeCode => Basics[(int)TCKind.TypeCode];

    /// <summary>tk_longlong.</summary>
    public static TypeCode LongLong => Basics[(int)TCKind.LongLong];

    /// <summary>tk_ulonglong.</summary>
    public static TypeCode ULongLong => Basics[(int)TCKind.ULongLong];

    /// <summary>tk_wchar.</summary>
    public static TypeCode WChar => Basics[(int)TCKind.WChar];

    /// <summary>The unbounded tk_string.</summary>
    public static TypeCode String { get; } = new(TCKind.String);

    /// <summary>The unbounded tk_wstring.</summary>
    public static TypeCode WString { get; } = new(TCKind.WString);

    /// <summary>CORBA::Object: tk_objref with id <c>IDL:omg.org/CORBA/Object:1.0</c>.</summary>
    public static TypeCode Object { get; } = CreateInterface("IDL:omg.org/CORBA/Object:1.0", "Object");

    /// <summary>True for the kinds whose TypeCode has no parameters (null, void, the numbers, boolean, char, octet, any, TypeCode, Principal, wchar, long double).</summary>
    public static bool IsBasic(TCKind kind) => kind is <= TCKind.Principal or TCKind.LongLong or TCKind.ULongLong or TCKind.LongDouble or TCKind.WChar;

    /// <summary>The TypeCode of a basic kind (see <see cref="IsBasic"/>); BAD_PARAM for any other kind.</summary>
    public static TypeCode FromKind(TCKind kind) =>
        IsBasic(kind) ? Basics[(int)kind] : throw CorbaSystemException.BadParam($"tk_{kind} has parameters; use its Create method.");

    /// <summary>A string bounded to <paramref name="bound"/> characters (0: unbounded).</summary>
    public static TypeCode CreateString(uint bound) => bound == 0 ? String : new TypeCode(TCKind.String) { Length = bound };

    /// <summary>A wstring bounded to <paramref name="bound"/> characters (0: unbounded).</summary>
    public static TypeCode CreateWString(uint bound) => bound == 0 ? WString : new TypeCode(TCKind.WString) { Length = bound };

    /// <summary>An interface (tk_objref).</summary>
    public static TypeCode CreateInterface(string id, string name) => Named(TCKind.ObjRef, id, name);

    /// <summary>A struct with <paramref name="members"/> in declaration order.</summary>
    public static TypeCode CreateStruct(string id, string name, params (string Name, TypeCode Type)[] members) => WithMembers(TCKind.Struct, id, name, members);

    /// <summary>A user exception (tk_except) with <paramref name="members"/> in declaration order.</summary>
    public static TypeCode CreateException(string id, string name, params (string Name, TypeCode Type)[] members) => WithMembers(TCKind.Except, id, name, members);

    /// <summary>An enum with its enumerators in order.</summary>
    public static TypeCode CreateEnum(string id, string name, params string[] enumerators)
    {
        ArgumentNullException.ThrowIfNull(enumerators);
        var type = Named(TCKind.Enum, id, name);
        type._memberNames = [.. enumerators];
        return type;
    }

    /// <summary>
    /// A union over <paramref name="discriminator"/> (an integer, char, wchar, boolean or enum TypeCode, possibly
    /// aliased). Each member's label is a CLR value of the discriminator type (an enum label is its index as
    /// <see cref="uint"/>); the member at <paramref name="defaultIndex"/> (or none when -1) is the default case and its label is ignored.
    /// </summary>
    public static TypeCode CreateUnion(string id, string name, TypeCode discriminator, int defaultIndex, params (object? Label, string Name, TypeCode Type)[] members)
    {
        ArgumentNullException.ThrowIfNull(discriminator);
        ArgumentNullException.ThrowIfNull(members);
        if (!IsDiscriminatorKind(discriminator.Unaliased().Kind))
        {
            throw CorbaSystemException.BadParam($"A union cannot be discriminated by tk_{discriminator.Unaliased().Kind}.");
        }
        if (defaultIndex < -1 || defaultIndex >= members.Length)
        {
            throw CorbaSystemException.BadParam($"The default index {defaultIndex} is not one of the {members.Length} members.");
        }
        var type = Named(TCKind.Union, id, name);
        type.DiscriminatorType = discriminator;
        type.DefaultIndex = defaultIndex;
        type._memberNames = members.Select(m => m.Name).ToArray();
        type._memberTypes = members.Select(m => m.Type ?? throw new ArgumentNullException(nameof(members))).ToArray();
        type._memberLabels = members.Select((m, i) => i == defaultIndex ? null : AnyValueCdr.NormalizeLabel(discriminator, m.Label)).ToArray();
        return type;
    }

    /// <summary>A sequence of <paramref name="element"/>, bounded to <paramref name="bound"/> elements (0: unbounded).</summary>
    public static TypeCode CreateSequence(TypeCode element, uint bound = 0) =>
        new(TCKind.Sequence) { ContentType = element ?? throw new ArgumentNullException(nameof(element)), Length = bound };

    /// <summary>An array of <paramref name="length"/> elements (multi-dimensional arrays are arrays of arrays).</summary>
    public static TypeCode CreateArray(TypeCode element, uint length) =>
        new(TCKind.Array) { ContentType = element ?? throw new ArgumentNullException(nameof(element)), Length = length };

    /// <summary>A typedef: <paramref name="original"/> under another id and name.</summary>
    public static TypeCode CreateAlias(string id, string name, TypeCode original)
    {
        var type = Named(TCKind.Alias, id, name);
        type.ContentType = original ?? throw new ArgumentNullException(nameof(original));
        return type;
    }

    /// <summary>A fixed-point type (TypeCode only: anys of fixed are refused).</summary>
    public static TypeCode CreateFixed(ushort digits, short scale) => new(TCKind.Fixed) { FixedDigits = digits, FixedScale = scale };

    /// <summary>This TypeCode without its aliases (at most <see cref="CdrLimits.MaxDepth"/> of them; more is a BAD_TYPECODE-like MARSHAL).</summary>
    public TypeCode Unaliased()
    {
        var type = this;
        for (var i = 0; type.Kind == TCKind.Alias; i++)
        {
            if (i > CdrLimits.Default.MaxDepth || type.ContentType is null)
            {
                throw CorbaSystemException.Marshal("An alias TypeCode refers to itself.");
            }
            type = type.ContentType;
        }
        return type;
    }

    /// <summary><c>tk_struct IDL:Test/Point:1.0</c>: the kind and, when there is one, the repository id.</summary>
    public override string ToString() => Kind switch
    {
        TCKind.Sequence or TCKind.Array => $"tk_{Kind.ToString().ToLowerInvariant()}<{ContentType?.Kind.ToString().ToLowerInvariant()}, {Length}>",
        TCKind.String or TCKind.WString when Length != 0 => $"tk_{Kind.ToString().ToLowerInvariant()}<{Length}>",
        _ => _id.Length > 0 ? $"tk_{Kind.ToString().ToLowerInvariant()} {_id}" : $"tk_{Kind.ToString().ToLowerInvariant()}",
    };

    internal static bool IsDiscriminatorKind(TCKind kind) => kind is TCKind.Short or TCKind.Long or TCKind.UShort or TCKind.ULong
        or TCKind.LongLong or TCKind.ULongLong or TCKind.Boolean or TCKind.Char or TCKind.WChar or TCKind.Enum;

    internal static bool HasIdAndName(TCKind kind) => kind is TCKind.ObjRef or TCKind.Struct or TCKind.Union or TCKind.Enum or TCKind.Alias
        or TCKind.Except or TCKind.Value or TCKind.ValueBox or TCKind.Native or TCKind.AbstractInterface or TCKind.LocalInterface
        or TCKind.Component or TCKind.Home or TCKind.Event;

    private static TypeCode Named(TCKind kind, string id, string name)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(name);
        return new TypeCode(kind) { _id = id, _name = name };
    }

    private static TypeCode WithMembers(TCKind kind, string id, string name, (string Name, TypeCode Type)[] members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var type = Named(kind, id, name);
        type._memberNames = members.Select(m => m.Name ?? throw new ArgumentNullException(nameof(members))).ToArray();
        type._memberTypes = members.Select(m => m.Type ?? throw new ArgumentNullException(nameof(members))).ToArray();
        return type;
    }

    private static TypeCode[] CreateBasics()
    {
        var basics = new TypeCode[(int)TCKind.WChar + 1];
        for (var kind = 0; kind < basics.Length; kind++)
        {
            basics[kind] = new TypeCode((TCKind)kind);
        }
        return basics;
    }
}
