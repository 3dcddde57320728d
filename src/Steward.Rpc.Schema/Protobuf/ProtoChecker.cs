using System.Collections.Generic;

namespace Steward.Rpc.Schema.Protobuf;

/// <summary>
/// The semantic rules protoc enforces after linking: numbers, reserved names and ranges, map
/// keys, enum rules, extensions and method types. Also derives <see cref="FieldDef.IsPacked"/>,
/// which needs resolved types (an enum field is packable, a message field is not).
/// </summary>
internal sealed class ProtoChecker
{
    private readonly SchemaSet _set;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, FieldDef> _extensionNumbers = new();

    private readonly IReadOnlyList<SchemaFile> _files;

    public ProtoChecker(SchemaSet set, IReadOnlyList<SchemaFile> files)
    {
        _set = set;
        _files = files;
        _diagnostics = set.Diagnostics;
    }

    public void Check()
    {
        foreach (var file in _files)
        {
            foreach (var message in file.AllMessages())
            {
                CheckMessage(file, message);
                foreach (var extend in message.Extends)
                {
                    CheckExtend(file, extend);
                }
                foreach (var nested in message.NestedEnums)
                {
                    CheckEnum(file, nested);
                }
            }
            foreach (var definition in file.Enums)
            {
                CheckEnum(file, definition);
            }
            foreach (var extend in file.Extends)
            {
                CheckExtend(file, extend);
            }
            foreach (var service in file.Services)
            {
                foreach (var method in service.Methods)
                {
                    CheckMethodType(method.InputType, "input");
                    CheckMethodType(method.OutputType, "output");
                }
            }
        }
    }

    private void CheckMethodType(TypeRef type, string role)
    {
        if (type.Kind == TypeKind.Enum)
        {
            _diagnostics.Error(ProtoDiagnostics.MethodTypeNotMessage, $"Method {role} type \"{type.Definition!.FullName}\" is an enum; it must be a message.", type.Location);
        }
    }

    private void CheckMessage(SchemaFile file, MessageDef message)
    {
        CheckRanges(message.ReservedRanges, "Reserved", ProtoParser.MaxFieldNumber, positive: true);
        CheckReservedNames(message.ReservedNames, message.Location, "Field");
        CheckRanges(message.ExtensionRanges, "Extension", ProtoParser.MaxFieldNumber, positive: true);
        foreach (var extension in message.ExtensionRanges)
        {
            foreach (var reserved in message.ReservedRanges)
            {
                if (extension.Start <= reserved.End && reserved.Start <= extension.End)
                {
                    _diagnostics.Error(ProtoDiagnostics.BadRange,
                        $"Extension range {Describe(extension)} overlaps with reserved range {Describe(reserved)}.", extension.Location);
                }
            }
        }

        var byNumber = new Dictionary<int, FieldDef>();
        var byJsonName = new Dictionary<string, FieldDef>();
        foreach (var field in message.Fields)
        {
            if (byNumber.TryGetValue(field.Number, out var previous))
            {
                _diagnostics.Error(ProtoDiagnostics.DuplicateFieldNumber,
                    $"Field number {field.Number} has already been used in \"{message.FullName}\" by field \"{previous.Name}\".", field.NumberLocation);
            }
            else
            {
                byNumber[field.Number] = field;
            }
            foreach (var range in message.ReservedRanges)
            {
                if (range.Contains(field.Number))
                {
                    _diagnostics.Error(ProtoDiagnostics.ReservedNumberUsed,
                        $"Field \"{field.Name}\" uses reserved number {field.Number}.", field.NumberLocation);
                    break;
                }
            }
            foreach (var range in message.ExtensionRanges)
            {
                if (range.Contains(field.Number))
                {
                    _diagnostics.Error(ProtoDiagnostics.BadRange,
                        $"Extension range {Describe(range)} includes field \"{field.Name}\" ({field.Number}).", range.Location);
                }
            }
            if (message.ReservedNames.Contains(field.Name))
            {
                _diagnostics.Error(ProtoDiagnostics.ReservedNameUsed, $"Field name \"{field.Name}\" is reserved.", field.Location);
            }
            if (file.Syntax == IdlSyntax.Proto3 && !message.IsMapEntry)
            {
                // protoc's proto3 rule: names must differ once underscores are dropped and case is ignored,
                // so their default JSON names can never collide.
                var key = LowercaseWithoutUnderscores(field.Name);
                if (byJsonName.TryGetValue(key, out var clash) && clash.Name != field.Name)
                {
                    _diagnostics.Error(ProtoDiagnostics.JsonNameConflict,
                        $"The JSON camel-case name of field \"{field.Name}\" conflicts with field \"{clash.Name}\". This is not allowed in proto3.", field.Location);
                }
                else
                {
                    byJsonName[key] = field;
                }
            }
            if (field.Type.Kind == TypeKind.Map)
            {
                CheckMapKey(field.Type.Key!);
            }
            if (file.Syntax == IdlSyntax.Proto3 && field.Type.Kind == TypeKind.Enum && field.Type.Definition?.File?.Syntax == IdlSyntax.Proto2)
            {
                _diagnostics.Error(ProtoDiagnostics.Proto2EnumInProto3,
                    $"Enum type \"{field.Type.Definition.FullName}\" is not a proto3 (open) enum, but is used in \"{message.FullName}\" which is a proto3 message type.",
                    field.Type.Location);
            }
            SetPacked(file, field);
            CheckFieldOptionTargets(field);
        }
    }

    /// <summary>Built-in field options that only make sense for some field types, as protoc checks them.</summary>
    private void CheckFieldOptionTargets(FieldDef field)
    {
        var lazy = field.FindOption("lazy");
        if (lazy != null && lazy.Value.Kind == ConstantKind.Bool && lazy.Value.BoolValue && field.Type.Kind != TypeKind.Message && field.Type.Kind != TypeKind.Unresolved)
        {
            _diagnostics.Error(ProtoDiagnostics.BadOptionValue, "[lazy = true] can only be specified for submessage fields.", lazy.Location);
        }
        var jstype = field.FindOption("jstype");
        if (jstype != null && jstype.Value.Text != "JS_NORMAL" && field.Type.Kind == TypeKind.Scalar &&
            field.Type.Scalar is not (ScalarType.Int64 or ScalarType.UInt64 or ScalarType.SInt64 or ScalarType.Fixed64 or ScalarType.SFixed64))
        {
            _diagnostics.Error(ProtoDiagnostics.BadOptionValue, "jstype is only allowed on int64, uint64, sint64, fixed64 or sfixed64 fields.", jstype.Location);
        }
    }

    private static string LowercaseWithoutUnderscores(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c != '_')
            {
                sb.Append(c >= 'A' && c <= 'Z' ? (char)(c + 32) : c);
            }
        }
        return sb.ToString();
    }

    /// <summary>protoc's proto3 rule: value names must stay distinct once the enum-name prefix is stripped and they are PascalCased.</summary>
    private void CheckEnumPrefixClashes(EnumDef definition)
    {
        var prefix = LowercaseWithoutUnderscores(definition.Name);
        var seen = new Dictionary<string, EnumValueDef>();
        foreach (var value in definition.Values)
        {
            var stripped = PascalCase(StripPrefix(value.Name, prefix));
            if (seen.TryGetValue(stripped, out var other))
            {
                if (other.Number != value.Number)
                {
                    _diagnostics.Error(ProtoDiagnostics.EnumValuePrefixClash,
                        $"Enum value name \"{value.Name}\" has the same name as \"{other.Name}\" if you ignore case and strip out the enum name prefix. " +
                        "This is error-prone (generated code for some languages would clash); rename one, or give both the same number with allow_alias.",
                        value.Location);
                }
            }
            else
            {
                seen[stripped] = value;
            }
        }
    }

    private static string StripPrefix(string name, string prefix)
    {
        int i = 0, j = 0;
        while (i < name.Length && j < prefix.Length)
        {
            if (name[i] == '_')
            {
                i++;
                continue;
            }
            var c = name[i++];
            if ((c >= 'A' && c <= 'Z' ? (char)(c + 32) : c) != prefix[j++])
            {
                return name;
            }
        }
        if (j < prefix.Length)
        {
            return name;
        }
        while (i < name.Length && name[i] == '_')
        {
            i++;
        }
        return i == name.Length ? name : name.Substring(i);
    }

    private static string PascalCase(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }
            sb.Append(upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            upper = false;
        }
        return sb.ToString();
    }

    private void CheckMapKey(TypeRef key)
    {
        var ok = key.Kind == TypeKind.Scalar &&
            key.Scalar != ScalarType.Float && key.Scalar != ScalarType.Double && key.Scalar != ScalarType.Bytes;
        if (ok || key.Kind == TypeKind.Unresolved)
        {
            return;
        }
        var message = key.Kind == TypeKind.Enum
            ? "Key in map fields cannot be enum types."
            : "Key in map fields cannot be float/double, bytes or message types.";
        _diagnostics.Error(ProtoDiagnostics.BadMapKey, message, key.Location);
    }

    private static bool IsPackable(TypeRef type) => type.Kind == TypeKind.Enum ||
        (type.Kind == TypeKind.Scalar && type.Scalar != ScalarType.String && type.Scalar != ScalarType.Bytes && type.Scalar != ScalarType.Void);

    private void SetPacked(SchemaFile file, FieldDef field)
    {
        var option = field.FindOption("packed");
        var packable = field.Label == FieldLabel.Repeated && field.Type.Kind != TypeKind.Map && IsPackable(field.Type);
        if (option != null)
        {
            // A non-bool value is reported by the option checker.
            if (option.Value.Kind == ConstantKind.Bool && option.Value.BoolValue && !packable && field.Type.Kind != TypeKind.Unresolved)
            {
                _diagnostics.Error(ProtoDiagnostics.NotPackable, "[packed = true] can only be specified for repeated primitive fields.", option.Location);
            }
        }
        if (!packable)
        {
            field.IsPacked = false;
            return;
        }
        field.IsPacked = option != null && option.Value.Kind == ConstantKind.Bool ? option.Value.BoolValue : file.Syntax == IdlSyntax.Proto3;
    }

    private void CheckEnum(SchemaFile file, EnumDef definition)
    {
        CheckRanges(definition.ReservedRanges, "Reserved", int.MaxValue, positive: false);
        CheckReservedNames(definition.ReservedNames, definition.Location, "Enum value");
        if (definition.Values.Count == 0)
        {
            _diagnostics.Error(ProtoDiagnostics.EmptyEnum, $"Enum \"{definition.Name}\" must contain at least one value.", definition.Location);
            return;
        }
        if (file.Syntax == IdlSyntax.Proto3)
        {
            CheckEnumPrefixClashes(definition);
        }
        if (file.Syntax == IdlSyntax.Proto3 && definition.Values[0].Number != 0)
        {
            _diagnostics.Error(ProtoDiagnostics.FirstEnumValueNotZero, "The first enum value must be zero in proto3.", definition.Values[0].NumberLocation);
        }
        var byNumber = new Dictionary<int, EnumValueDef>();
        var aliased = false;
        foreach (var value in definition.Values)
        {
            if (byNumber.TryGetValue(value.Number, out var previous))
            {
                aliased = true;
                if (!definition.AllowAlias)
                {
                    _diagnostics.Error(ProtoDiagnostics.DuplicateEnumNumber,
                        $"\"{value.Name}\" uses the same enum value ({value.Number}) as \"{previous.Name}\". If this is intended, " +
                        "set 'option allow_alias = true;' in the enum definition.", value.NumberLocation);
                }
            }
            else
            {
                byNumber[value.Number] = value;
            }
            foreach (var range in definition.ReservedRanges)
            {
                if (range.Contains(value.Number))
                {
                    _diagnostics.Error(ProtoDiagnostics.ReservedNumberUsed, $"Enum value \"{value.Name}\" uses reserved number {value.Number}.", value.NumberLocation);
                    break;
                }
            }
            if (definition.ReservedNames.Contains(value.Name))
            {
                _diagnostics.Error(ProtoDiagnostics.ReservedNameUsed, $"Enum value \"{value.Name}\" is reserved.", value.Location);
            }
        }
        var allowAlias = definition.FindOption("allow_alias");
        if (definition.AllowAlias && !aliased)
        {
            _diagnostics.Error(ProtoDiagnostics.UselessAllowAlias,
                $"\"{definition.FullName}\" declares 'option allow_alias = true;' but has no aliased values; remove the option.", allowAlias!.Location);
        }
    }

    private void CheckReservedNames(List<string> names, SourceLocation at, string what)
    {
        var seen = new HashSet<string>();
        foreach (var name in names)
        {
            if (!seen.Add(name))
            {
                _diagnostics.Error(ProtoDiagnostics.BadRange, $"{what} name \"{name}\" is reserved multiple times.", at);
            }
        }
    }

    private void CheckRanges(List<ReservedRange> ranges, string what, int max, bool positive)
    {
        for (var i = 0; i < ranges.Count; i++)
        {
            var range = ranges[i];
            if (positive && (range.Start <= 0 || range.End <= 0))
            {
                _diagnostics.Error(ProtoDiagnostics.BadRange, $"{what} numbers must be positive integers.", range.Location);
                continue;
            }
            if (range.End > max)
            {
                _diagnostics.Error(ProtoDiagnostics.BadRange, $"{what} numbers cannot be greater than {max}.", range.Location);
                continue;
            }
            if (range.End < range.Start)
            {
                _diagnostics.Error(ProtoDiagnostics.BadRange, $"{what} range end number must be greater than start number.", range.Location);
                continue;
            }
            for (var j = 0; j < i; j++)
            {
                var other = ranges[j];
                if (range.Start <= other.End && other.Start <= range.End)
                {
                    _diagnostics.Error(ProtoDiagnostics.BadRange,
                        $"{what} range {Describe(range)} overlaps with already-defined range {Describe(other)}.", range.Location);
                    break;
                }
            }
        }
    }

    private static string Describe(ReservedRange range) =>
        range.Start == range.End ? range.Start.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{range.Start} to {range.End}";

    private void CheckExtend(SchemaFile file, ExtendDef extend)
    {
        foreach (var field in extend.Fields)
        {
            SetPacked(file, field);
        }
        if (extend.Extendee.Kind == TypeKind.Unresolved)
        {
            return;
        }
        if (extend.Extendee.Definition is not MessageDef target)
        {
            _diagnostics.Error(ProtoDiagnostics.BadExtension, $"\"{extend.Extendee.Name}\" is not a message type; only messages can be extended.", extend.Extendee.Location);
            return;
        }
        if (file.Syntax == IdlSyntax.Proto3 && !(target.FullName.StartsWith("google.protobuf.", System.StringComparison.Ordinal) && target.FullName.EndsWith("Options", System.StringComparison.Ordinal)))
        {
            _diagnostics.Error(ProtoDiagnostics.BadExtension, "Extensions in proto3 are only allowed for defining options.", extend.Extendee.Location);
            return;
        }
        foreach (var field in extend.Fields)
        {
            var inRange = false;
            foreach (var range in target.ExtensionRanges)
            {
                inRange |= range.Contains(field.Number);
            }
            if (!inRange)
            {
                _diagnostics.Error(ProtoDiagnostics.BadExtension,
                    $"\"{target.FullName}\" does not declare {field.Number} as an extension number.", field.NumberLocation);
                continue;
            }
            var key = target.FullName + "#" + field.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (_extensionNumbers.TryGetValue(key, out var previous))
            {
                _diagnostics.Error(ProtoDiagnostics.BadExtension,
                    $"Extension number {field.Number} has already been used in \"{target.FullName}\" by extension \"{previous.FullName}\".", field.NumberLocation);
            }
            else
            {
                _extensionNumbers[key] = field;
            }
        }
    }
}
