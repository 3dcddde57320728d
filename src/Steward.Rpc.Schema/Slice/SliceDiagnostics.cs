namespace Steward.Rpc.Schema.Slice;

/// <summary>
/// Stable diagnostic codes of the Slice front-end (proto owns STW10xx, Thrift STW20xx). The Roslyn
/// generator reports them under the same ids, so never renumber one. Messages follow the wording of
/// ZeroC's slice2* compilers where they have one.
/// </summary>
public static class SliceDiagnostics
{
    /// <summary>The tokens do not form a valid Slice definition.</summary>
    public const string SyntaxError = "SLICE001";
    /// <summary>A string literal runs past the end of its line or file.</summary>
    public const string UnterminatedString = "SLICE002";
    /// <summary>Warning: a <c>/*</c> comment is never closed (mcpp closes it at the end of the input).</summary>
    public const string UnterminatedComment = "SLICE003";
    /// <summary>A character that starts no token.</summary>
    public const string InvalidCharacter = "SLICE004";
    /// <summary>A malformed numeric literal, or one beyond 64 bits.</summary>
    public const string InvalidNumber = "SLICE005";
    /// <summary>A preprocessor directive that is malformed, unknown, unbalanced, or an <c>#error</c>.</summary>
    public const string PreprocessorError = "SLICE006";
    /// <summary>An <c>#include</c> whose file is found neither next to the including file nor under an import root.</summary>
    public const string IncludeNotFound = "SLICE007";
    /// <summary>A root file the file source cannot read.</summary>
    public const string FileNotFound = "SLICE008";
    /// <summary>A file or include graph beyond the front-end's limits (a guard against hostile input).</summary>
    public const string LimitExceeded = "SLICE009";
    /// <summary>A Slice keyword used as an identifier without the <c>\</c> escape.</summary>
    public const string KeywordAsIdentifier = "SLICE010";
    /// <summary>Two names in one scope that differ only in capitalization.</summary>
    public const string CaseConflict = "SLICE011";
    /// <summary>An identifier slice2* refuse: an <c>Ice</c> prefix, a <c>Prx</c>/<c>Ptr</c>/<c>Helper</c>/<c>Holder</c> suffix, or an underscore.</summary>
    public const string ReservedIdentifier = "SLICE012";
    /// <summary>A name defined twice in one scope (or as a different kind of definition).</summary>
    public const string Redefinition = "SLICE013";
    /// <summary>A name that designates nothing declared before it.</summary>
    public const string UndefinedName = "SLICE014";
    /// <summary>Two optional members or parameters with the same tag.</summary>
    public const string DuplicateTag = "SLICE015";
    /// <summary>A tag or compact id outside 0..2147483647.</summary>
    public const string OutOfRange = "SLICE016";
    /// <summary>An optional data member where Slice forbids one (in a struct).</summary>
    public const string IllegalOptional = "SLICE017";
    /// <summary>A dictionary key type that is not an integral type, string, enum, or struct of those.</summary>
    public const string IllegalDictionaryKey = "SLICE018";
    /// <summary>An exception used as a data type.</summary>
    public const string ExceptionAsType = "SLICE019";
    /// <summary>A class or exception that inherits from itself.</summary>
    public const string InheritanceCycle = "SLICE020";
    /// <summary>A base of the wrong kind: an interface extending a class, a class extending an interface, an exception extending a struct.</summary>
    public const string WrongBaseKind = "SLICE021";
    /// <summary>An enumerator value that is duplicated or outside 0..2147483647.</summary>
    public const string EnumeratorValue = "SLICE022";
    /// <summary>A struct without members or an enum without enumerators.</summary>
    public const string EmptyDefinition = "SLICE023";
    /// <summary>A constant or default value whose literal does not match or fit its type, or a type that cannot be a constant.</summary>
    public const string ConstantType = "SLICE024";
    /// <summary>An operation or data member defined again in the same interface, class or exception, or in a base.</summary>
    public const string DuplicateMember = "SLICE025";
    /// <summary>Two parameters of one operation with the same name.</summary>
    public const string DuplicateParameter = "SLICE026";
    /// <summary>An <c>in</c> parameter after an <c>out</c> parameter.</summary>
    public const string OutBeforeIn = "SLICE027";
    /// <summary>A <c>throws</c> clause naming something that is not an exception.</summary>
    public const string ThrowsNonException = "SLICE028";
    /// <summary>A <c>throws</c> clause naming one exception twice.</summary>
    public const string DuplicateThrows = "SLICE029";
    /// <summary>A definition other than a module outside every module.</summary>
    public const string NotAtModuleScope = "SLICE030";
    /// <summary>A base class or interface that is declared (forward) but never defined before its use.</summary>
    public const string DeclaredNotDefined = "SLICE031";
    /// <summary>A default value on a member whose type takes none (sequences, dictionaries, structs, classes, proxies).</summary>
    public const string DefaultNotAllowed = "SLICE032";
    /// <summary>A class compact id used twice.</summary>
    public const string DuplicateCompactId = "SLICE033";
    /// <summary>A proxy (<c>T*</c>) of something that is neither an interface nor a class.</summary>
    public const string IllegalProxy = "SLICE034";
    /// <summary>A struct that contains itself by value.</summary>
    public const string SelfContainingStruct = "SLICE035";
    /// <summary>An internal error of the Slice front-end (a bug: please report it with the input).</summary>
    public const string InternalError = "SLICE036";
    /// <summary>Warning: a construct Ice 3.7 deprecates (class proxies, interfaces by value, sequence keys …), accepted.</summary>
    public const string Deprecated = "SLICE037";
    /// <summary>A local type used by a non-local definition.</summary>
    public const string LocalInNonLocal = "SLICE038";
    /// <summary>A default value naming an enumerator of another enum.</summary>
    public const string WrongEnumerator = "SLICE039";
    /// <summary>Warning: a class that is declared but never defined is used as a type; it is modelled as Value.</summary>
    public const string NeverDefined = "SLICE040";
    /// <summary>A string escape out of range or escapes that do not form valid UTF-8 (an unknown escape is only a warning).</summary>
    public const string InvalidEscape = "SLICE041";
}
