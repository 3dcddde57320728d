namespace Steward.Rpc.Schema.OmgIdl;

/// <summary>
/// Stable diagnostic codes of the OMG IDL front-end (proto owns STW10xx, Thrift STW20xx, Slice SLICE0xx).
/// The Roslyn generator reports them under the same ids, so never renumber one. Messages follow
/// omniidl's wording where it has one.
/// </summary>
public static class OmgIdlDiagnostics
{
    /// <summary>The tokens do not form a valid IDL definition.</summary>
    public const string SyntaxError = "IDL001";
    /// <summary>A string or character literal runs past the end of its line, or is malformed.</summary>
    public const string InvalidLiteral = "IDL002";
    /// <summary>A <c>/*</c> comment that is never closed.</summary>
    public const string UnterminatedComment = "IDL003";
    /// <summary>A character that starts no token.</summary>
    public const string InvalidCharacter = "IDL004";
    /// <summary>A malformed numeric literal, or one beyond 64 bits.</summary>
    public const string InvalidNumber = "IDL005";
    /// <summary>A preprocessor directive that is malformed, unknown, unbalanced, or an <c>#error</c>.</summary>
    public const string PreprocessorError = "IDL006";
    /// <summary>An <c>#include</c> whose file is found neither next to the including file nor under an include root.</summary>
    public const string IncludeNotFound = "IDL007";
    /// <summary>A root file the file source cannot read.</summary>
    public const string FileNotFound = "IDL008";
    /// <summary>A file, include graph or macro expansion beyond the front-end's limits.</summary>
    public const string LimitExceeded = "IDL009";
    /// <summary>An identifier that collides with a keyword, or with another identifier, when case is ignored.</summary>
    public const string CaseConflict = "IDL010";
    /// <summary>A name declared twice in one scope (or as a different kind of definition).</summary>
    public const string Redefinition = "IDL011";
    /// <summary>A name that designates nothing declared before it.</summary>
    public const string UndefinedName = "IDL012";
    /// <summary>A name that designates the wrong kind of thing (a module used as a type, a struct as an exception).</summary>
    public const string WrongKind = "IDL013";
    /// <summary>A constant expression whose value does not fit or match its type, or that cannot be evaluated.</summary>
    public const string ConstantValue = "IDL014";
    /// <summary>A union label that does not match the discriminator type, or repeats another label.</summary>
    public const string UnionLabel = "IDL015";
    /// <summary>A <c>oneway</c> operation that returns a value, has an <c>out</c>/<c>inout</c> parameter or raises exceptions.</summary>
    public const string IllegalOneway = "IDL016";
    /// <summary>An interface that inherits from itself, twice from one base, or from a forward-declared interface.</summary>
    public const string IllegalInheritance = "IDL017";
    /// <summary>Two operations or attributes of one name reachable in an interface (its own or inherited).</summary>
    public const string DuplicateMember = "IDL018";
    /// <summary>An IDL construct Steward does not support (valuetypes, <c>fixed</c>, <c>long double</c>, <c>native</c>, components …).</summary>
    public const string Unsupported = "IDL019";
    /// <summary>A bound, array size or positive constant that is zero, negative or too large.</summary>
    public const string InvalidBound = "IDL020";
    /// <summary>A forward-declared interface, struct or union used where its definition is needed, or never defined.</summary>
    public const string Incomplete = "IDL021";
    /// <summary>A struct, union or exception that contains itself by value.</summary>
    public const string Recursive = "IDL022";
    /// <summary>A <c>#pragma ID</c>, <c>#pragma version</c>, <c>typeid</c> or <c>typeprefix</c> that is malformed or contradicts another.</summary>
    public const string RepositoryId = "IDL023";
    /// <summary>An internal error of the OMG IDL front-end (a bug: please report it with the input).</summary>
    public const string InternalError = "IDL024";
    /// <summary>Warning: a construct accepted and ignored (an unknown <c>#pragma</c>, a <c>context</c> clause).</summary>
    public const string Ignored = "IDL025";
    /// <summary>A <c>raises</c> clause naming something that is not an exception, or naming one twice.</summary>
    public const string IllegalRaises = "IDL026";
}
