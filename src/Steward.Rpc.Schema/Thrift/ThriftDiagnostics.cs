namespace Steward.Rpc.Schema.Thrift;

/// <summary>
/// Stable diagnostic codes of the Thrift front-end (the proto front-end owns STW10xx). The Roslyn
/// generator reports them under the same ids, so never renumber one.
/// </summary>
public static class ThriftDiagnostics
{
    // Lexing and parsing.
    public const string SyntaxError = "STW2001";
    public const string UnterminatedString = "STW2002";
    public const string InvalidEscape = "STW2003";
    public const string UnterminatedComment = "STW2004";
    public const string InvalidCharacter = "STW2005";
    public const string InvalidNumber = "STW2006";
    public const string ReservedWord = "STW2007";
    /// <summary><c>senum</c>, <c>slist</c>: gone from Thrift, rejected as the Thrift compiler does.</summary>
    public const string UnsupportedConstruct = "STW2008";
    /// <summary>Warning: <c>cpp_namespace</c>-style declarations and <c>async</c>, accepted with their modern meaning.</summary>
    public const string DeprecatedConstruct = "STW2009";
    public const string NestingTooDeep = "STW2010";
    /// <summary>Warning: a field without an id gets the next negative one, as the Thrift compiler assigns it.</summary>
    public const string ImplicitFieldId = "STW2011";
    /// <summary>Warning: an explicit id of zero or less is ignored and an implicit one assigned instead.</summary>
    public const string NonPositiveFieldId = "STW2012";
    public const string FieldIdOutOfRange = "STW2013";

    // Loading.
    public const string IncludeNotFound = "STW2020";
    public const string IncludeCycle = "STW2021";
    public const string FileNotFound = "STW2022";
    public const string InternalError = "STW2023";
    public const string TooManyFiles = "STW2024";
    /// <summary>Two included files with the same program name (file base name) cannot both be referenced.</summary>
    public const string DuplicateInclude = "STW2025";
    public const string FileTooLarge = "STW2026";

    // Linking and semantic checks.
    public const string UnknownType = "STW2030";
    public const string NotAType = "STW2031";
    public const string DuplicateDefinition = "STW2032";
    public const string DuplicateFieldName = "STW2033";
    public const string DuplicateFieldId = "STW2034";
    public const string DuplicateEnumValue = "STW2035";
    public const string DuplicateMethod = "STW2036";
    public const string ConstantTypeMismatch = "STW2037";
    public const string ConstantOutOfRange = "STW2038";
    public const string UnknownConstant = "STW2039";
    public const string OnewayNotVoid = "STW2040";
    public const string OnewayThrows = "STW2041";
    public const string ThrowsNotException = "STW2042";
    public const string ExtendsNotService = "STW2043";
    /// <summary>Warning: union members are always optional; a <c>required</c> is ignored (as the Thrift compiler does).</summary>
    public const string UnionRequiredField = "STW2044";
    public const string EnumValueOutOfRange = "STW2045";
    public const string ExtendsCycle = "STW2047";
    public const string TypedefCycle = "STW2048";
    public const string UnknownStructField = "STW2049";
    public const string UnqualifiedEnumValue = "STW2050";
    public const string VoidNotAllowed = "STW2051";
    public const string ConstantCycle = "STW2052";
    /// <summary>Warning: a constant map names the same key twice (the Thrift compiler keeps the last).</summary>
    public const string DuplicateMapKey = "STW2053";
}
