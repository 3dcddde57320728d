namespace Steward.Rpc.Schema.Protobuf;

/// <summary>
/// Stable diagnostic codes of the proto front-end. The Roslyn generator reports them under the
/// same ids, so never renumber one; docs/idl-proto.md lists them all.
/// </summary>
public static class ProtoDiagnostics
{
    // Lexing and parsing.
    public const string SyntaxError = "STW1001";
    public const string UnterminatedString = "STW1002";
    public const string InvalidEscape = "STW1003";
    public const string UnterminatedComment = "STW1004";
    public const string InvalidCharacter = "STW1005";
    public const string InvalidNumber = "STW1006";
    public const string UnknownSyntax = "STW1007";
    public const string MissingSyntax = "STW1008";
    public const string UnsupportedConstruct = "STW1009";
    public const string DefaultInProto3 = "STW1010";
    public const string NestingTooDeep = "STW1011";
    public const string DuplicatePackage = "STW1012";
    public const string BadMapField = "STW1013";
    public const string BadLabel = "STW1014";
    public const string SyntaxNotFirst = "STW1015";
    public const string EmptyOneof = "STW1016";

    // Loading.
    public const string ImportNotFound = "STW1020";
    public const string ImportCycle = "STW1021";
    public const string DuplicateImport = "STW1022";
    public const string FileNotFound = "STW1023";
    public const string InternalError = "STW1024";

    // Linking and semantic checks.
    public const string UnknownType = "STW1030";
    public const string TypeNotImported = "STW1031";
    public const string NotAType = "STW1032";
    public const string DuplicateSymbol = "STW1033";
    public const string DuplicateFieldName = "STW1034";
    public const string DuplicateFieldNumber = "STW1035";
    public const string FieldNumberOutOfRange = "STW1036";
    public const string FieldNumberReservedByProtobuf = "STW1037";
    public const string ReservedNumberUsed = "STW1038";
    public const string ReservedNameUsed = "STW1039";
    public const string BadMapKey = "STW1040";
    public const string FirstEnumValueNotZero = "STW1041";
    public const string DuplicateEnumNumber = "STW1042";
    public const string EnumValueScopeClash = "STW1043";
    public const string MethodTypeNotMessage = "STW1044";
    public const string BadRange = "STW1045";
    public const string UselessAllowAlias = "STW1046";
    public const string JsonNameConflict = "STW1047";
    public const string BadExtension = "STW1048";
    public const string EnumValueOutOfRange = "STW1049";
    public const string DuplicateMethod = "STW1050";
    public const string BadOptionValue = "STW1051";
    public const string NotPackable = "STW1052";
    public const string Proto2EnumInProto3 = "STW1053";
    public const string EmptyEnum = "STW1054";
    public const string UnknownOption = "STW1055";
    public const string UnknownStandardOption = "STW1056";
    public const string DuplicateOption = "STW1057";
    public const string EnumValuePrefixClash = "STW1058";
    public const string BadDefault = "STW1059";
}
