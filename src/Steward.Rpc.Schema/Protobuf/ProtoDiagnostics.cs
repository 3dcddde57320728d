namespace Steward.Rpc.Schema.Protobuf;

/// <summary>
/// Stable diagnostic codes of the proto front-end. The Roslyn generator reports them under the
/// same ids, so never renumber one; docs/idl-proto.md lists them all.
/// </summary>
public static class ProtoDiagnostics
{
    // Lexing and parsing.
    /// <summary>The tokens do not form a valid declaration (protoc's "Expected …" errors).</summary>
    public const string SyntaxError = "STW1001";
    /// <summary>A string literal runs past the end of its line.</summary>
    public const string UnterminatedString = "STW1002";
    /// <summary>A string literal holds an escape sequence protoc does not know.</summary>
    public const string InvalidEscape = "STW1003";
    /// <summary>A <c>/*</c> comment is never closed.</summary>
    public const string UnterminatedComment = "STW1004";
    /// <summary>A character that starts no token.</summary>
    public const string InvalidCharacter = "STW1005";
    /// <summary>A malformed numeric literal (bad hex, a leading zero with non-octal digits, a missing exponent).</summary>
    public const string InvalidNumber = "STW1006";
    /// <c>syntax</c> names neither proto2 nor proto3.
    public const string UnknownSyntax = "STW1007";
    /// <summary>Warning: the file has no <c>syntax</c> statement and is read as proto2, as protoc does.</summary>
    public const string MissingSyntax = "STW1008";
    /// <summary>A construct Steward does not support (proto2 groups, editions) or proto3 does not allow (extension ranges).</summary>
    public const string UnsupportedConstruct = "STW1009";
    /// <summary>A <c>[default = …]</c> in a proto3 file, where explicit defaults are not allowed.</summary>
    public const string DefaultInProto3 = "STW1010";
    /// <summary>Declarations or option values nest deeper than the parser allows (a guard against hostile input).</summary>
    public const string NestingTooDeep = "STW1011";
    /// <summary>A second <c>package</c> statement.</summary>
    public const string DuplicatePackage = "STW1012";
    /// <summary>A map field with a label, inside a oneof, or declared as an extension.</summary>
    public const string BadMapField = "STW1013";
    /// <summary>A field label where none is allowed (in a oneof) or a missing or wrong label where one is required.</summary>
    public const string BadLabel = "STW1014";
    /// <summary>The <c>syntax</c> statement is not the first statement of the file.</summary>
    public const string SyntaxNotFirst = "STW1015";
    /// <summary>A oneof with no fields.</summary>
    public const string EmptyOneof = "STW1016";

    // Loading.
    /// <summary>An imported file is on no import path.</summary>
    public const string ImportNotFound = "STW1020";
    /// <summary>Files import each other in a cycle.</summary>
    public const string ImportCycle = "STW1021";
    /// <summary>The same file is imported twice.</summary>
    public const string DuplicateImport = "STW1022";
    /// <summary>A root file does not exist.</summary>
    public const string FileNotFound = "STW1023";
    /// <summary>A bug in the proto front-end, caught and reported instead of thrown.</summary>
    public const string InternalError = "STW1024";

    // Linking and semantic checks.
    /// <summary>A type name resolves to nothing.</summary>
    public const string UnknownType = "STW1030";
    /// <summary>A type exists but its file is not imported by the file that uses it.</summary>
    public const string TypeNotImported = "STW1031";
    /// <summary>A name used as a type resolves to something else (a field, a package, a service).</summary>
    public const string NotAType = "STW1032";
    /// <summary>Two declarations share one fully qualified name.</summary>
    public const string DuplicateSymbol = "STW1033";
    /// <summary>Two fields of a message share a name.</summary>
    public const string DuplicateFieldName = "STW1034";
    /// <summary>Two fields of a message share a number.</summary>
    public const string DuplicateFieldNumber = "STW1035";
    /// <summary>A field number is below 1 or above 536870911.</summary>
    public const string FieldNumberOutOfRange = "STW1036";
    /// <summary>A field number in 19000–19999, which protobuf keeps for itself.</summary>
    public const string FieldNumberReservedByProtobuf = "STW1037";
    /// <summary>A field or enum value uses a number its message or enum reserves.</summary>
    public const string ReservedNumberUsed = "STW1038";
    /// <summary>A field or enum value uses a name its message or enum reserves.</summary>
    public const string ReservedNameUsed = "STW1039";
    /// <summary>A map key that is not an integral, bool or string type.</summary>
    public const string BadMapKey = "STW1040";
    /// <summary>A proto3 enum whose first value is not zero.</summary>
    public const string FirstEnumValueNotZero = "STW1041";
    /// <summary>Two enum values share a number without <c>allow_alias</c>.</summary>
    public const string DuplicateEnumNumber = "STW1042";
    /// <summary>Two enums in one scope declare the same value name (values are siblings of their enum, C++ style).</summary>
    public const string EnumValueScopeClash = "STW1043";
    /// <summary>A method's input or output type is not a message.</summary>
    public const string MethodTypeNotMessage = "STW1044";
    /// <summary>A reserved or extension range that is empty, overlaps another range or includes a declared field.</summary>
    public const string BadRange = "STW1045";
    /// <c>allow_alias</c> on an enum with no aliases.
    public const string UselessAllowAlias = "STW1046";
    /// <summary>Two fields map to the same JSON name.</summary>
    public const string JsonNameConflict = "STW1047";
    /// <summary>An extension of something that is not a message, an extension outside its target's ranges, or a proto3 extension of anything but an options message.</summary>
    public const string BadExtension = "STW1048";
    /// <summary>An enum value outside the 32-bit signed range.</summary>
    public const string EnumValueOutOfRange = "STW1049";
    /// <summary>Two methods of a service share a name.</summary>
    public const string DuplicateMethod = "STW1050";
    /// <summary>An option value of the wrong type or out of range for its field.</summary>
    public const string BadOptionValue = "STW1051";
    /// <c>[packed = true]</c> on a field that cannot be packed.
    public const string NotPackable = "STW1052";
    /// <summary>A proto3 message field uses an enum declared in a proto2 file.</summary>
    public const string Proto2EnumInProto3 = "STW1053";
    /// <summary>An enum with no values.</summary>
    public const string EmptyEnum = "STW1054";
    /// <summary>A custom option names an extension that does not exist or is not imported.</summary>
    public const string UnknownOption = "STW1055";
    /// <summary>An option names no field of the standard options message.</summary>
    public const string UnknownStandardOption = "STW1056";
    /// <summary>The same option is set twice on one element.</summary>
    public const string DuplicateOption = "STW1057";
    /// <summary>Two values of an enum are the same once case is ignored and the enum's name prefix is stripped, as generated code strips it.</summary>
    public const string EnumValuePrefixClash = "STW1058";
    /// <summary>A proto2 default value that does not fit the field's type.</summary>
    public const string BadDefault = "STW1059";
}
