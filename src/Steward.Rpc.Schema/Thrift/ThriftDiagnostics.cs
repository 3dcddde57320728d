namespace Steward.Rpc.Schema.Thrift;

/// <summary>
/// Stable diagnostic codes of the Thrift front-end (the proto front-end owns STW10xx). The Roslyn
/// generator reports them under the same ids, so never renumber one.
/// </summary>
public static class ThriftDiagnostics
{
    // Lexing and parsing.
    /// <summary>The tokens do not form a valid Thrift declaration.</summary>
    public const string SyntaxError = "STW2001";
    /// <summary>A string literal runs past the end of its line.</summary>
    public const string UnterminatedString = "STW2002";
    /// <summary>A string literal holds an escape sequence Thrift does not know.</summary>
    public const string InvalidEscape = "STW2003";
    /// <summary>A <c>/*</c> comment is never closed.</summary>
    public const string UnterminatedComment = "STW2004";
    /// <summary>A character that starts no token.</summary>
    public const string InvalidCharacter = "STW2005";
    /// <summary>A malformed or too large numeric literal.</summary>
    public const string InvalidNumber = "STW2006";
    /// <summary>A name that the Thrift compiler reserves (a keyword of some target language).</summary>
    public const string ReservedWord = "STW2007";
    /// <summary><c>senum</c>, <c>slist</c>: gone from Thrift, rejected as the Thrift compiler does.</summary>
    public const string UnsupportedConstruct = "STW2008";
    /// <summary>Warning: <c>cpp_namespace</c>-style declarations and <c>async</c>, accepted with their modern meaning.</summary>
    public const string DeprecatedConstruct = "STW2009";
    /// <summary>Definitions or constant values nest deeper than the parser allows (a guard against hostile input).</summary>
    public const string NestingTooDeep = "STW2010";
    /// <summary>Warning: a field without an id gets the next negative one, as the Thrift compiler assigns it.</summary>
    public const string ImplicitFieldId = "STW2011";
    /// <summary>Warning: an explicit id of zero or less is ignored and an implicit one assigned instead.</summary>
    public const string NonPositiveFieldId = "STW2012";
    /// <summary>A field id outside the 16-bit signed range.</summary>
    public const string FieldIdOutOfRange = "STW2013";

    // Loading.
    /// <summary>An included file is neither next to the including file nor on an include path.</summary>
    public const string IncludeNotFound = "STW2020";
    /// <summary>Files include each other in a cycle.</summary>
    public const string IncludeCycle = "STW2021";
    /// <summary>A root file does not exist.</summary>
    public const string FileNotFound = "STW2022";
    /// <summary>A bug in the Thrift front-end, caught and reported instead of thrown.</summary>
    public const string InternalError = "STW2023";
    /// <summary>More included files than <see cref="ThriftCompiler.MaxFiles"/>.</summary>
    public const string TooManyFiles = "STW2024";
    /// <summary>Two included files with the same program name (file base name) cannot both be referenced.</summary>
    public const string DuplicateInclude = "STW2025";
    /// <summary>A file longer than <see cref="ThriftCompiler.MaxFileChars"/> characters.</summary>
    public const string FileTooLarge = "STW2026";

    // Linking and semantic checks.
    /// <summary>A type name resolves to nothing.</summary>
    public const string UnknownType = "STW2030";
    /// <summary>A name used as a type resolves to something else (a constant, a service).</summary>
    public const string NotAType = "STW2031";
    /// <summary>Two definitions share a name.</summary>
    public const string DuplicateDefinition = "STW2032";
    /// <summary>Two fields of a struct (or parameters of a method) share a name.</summary>
    public const string DuplicateFieldName = "STW2033";
    /// <summary>Two fields of a struct (or parameters of a method) share an id.</summary>
    public const string DuplicateFieldId = "STW2034";
    /// <summary>Two values of an enum share a name.</summary>
    public const string DuplicateEnumValue = "STW2035";
    /// <summary>Two methods of a service, inherited ones included, share a name.</summary>
    public const string DuplicateMethod = "STW2036";
    /// <summary>A constant or default value does not fit its declared type.</summary>
    public const string ConstantTypeMismatch = "STW2037";
    /// <summary>An integer constant outside its type's range.</summary>
    public const string ConstantOutOfRange = "STW2038";
    /// <summary>An identifier in a constant or default names no constant or enum value declared before it.</summary>
    public const string UnknownConstant = "STW2039";
    /// <summary>A <c>oneway</c> method that returns a value.</summary>
    public const string OnewayNotVoid = "STW2040";
    /// <summary>A <c>oneway</c> method that declares exceptions.</summary>
    public const string OnewayThrows = "STW2041";
    /// <summary>A <c>throws</c> clause names a type that is not an exception.</summary>
    public const string ThrowsNotException = "STW2042";
    /// <c>extends</c> names something other than a service.
    public const string ExtendsNotService = "STW2043";
    /// <summary>Warning: union members are always optional; a <c>required</c> is ignored (as the Thrift compiler does).</summary>
    public const string UnionRequiredField = "STW2044";
    /// <summary>An enum value outside the 32-bit signed range.</summary>
    public const string EnumValueOutOfRange = "STW2045";
    /// <summary>Services extend each other in a cycle.</summary>
    public const string ExtendsCycle = "STW2047";
    /// <summary>Typedefs refer to each other in a cycle.</summary>
    public const string TypedefCycle = "STW2048";
    /// <summary>A struct constant names a field the struct does not have.</summary>
    public const string UnknownStructField = "STW2049";
    /// <summary>An enum value used without its enum's name where Thrift requires <c>Enum.VALUE</c>.</summary>
    public const string UnqualifiedEnumValue = "STW2050";
    /// <c>void</c> used as the type of a field, parameter or constant.
    public const string VoidNotAllowed = "STW2051";
    /// <summary>Constants refer to each other in a cycle.</summary>
    public const string ConstantCycle = "STW2052";
    /// <summary>Warning: a constant map names the same key twice (the Thrift compiler keeps the last).</summary>
    public const string DuplicateMapKey = "STW2053";
}
