using System.Collections.Generic;

namespace Steward.Rpc.Schema.Protobuf;

internal sealed partial class ProtoParser
{
    private enum FieldContext
    {
        Message,
        Oneof,
        Extend,
    }

    internal static readonly Dictionary<string, ScalarType> ScalarKeywords = new()
    {
        ["double"] = ScalarType.Double,
        ["float"] = ScalarType.Float,
        ["int64"] = ScalarType.Int64,
        ["uint64"] = ScalarType.UInt64,
        ["int32"] = ScalarType.Int32,
        ["fixed64"] = ScalarType.Fixed64,
        ["fixed32"] = ScalarType.Fixed32,
        ["bool"] = ScalarType.Bool,
        ["string"] = ScalarType.String,
        ["bytes"] = ScalarType.Bytes,
        ["uint32"] = ScalarType.UInt32,
        ["sfixed32"] = ScalarType.SFixed32,
        ["sfixed64"] = ScalarType.SFixed64,
        ["sint32"] = ScalarType.SInt32,
        ["sint64"] = ScalarType.SInt64,
    };

    private MessageDef ParseMessage(MessageDef? parent)
    {
        var keyword = Expect("message");
        var nameToken = ExpectIdentifier("a message name");
        var message = new MessageDef(nameToken.Text, Loc(nameToken))
        {
            Documentation = keyword.LeadingComment,
            Parent = parent,
            File = _file,
        };
        EnterNesting(keyword);
        try
        {
            var proto3Optionals = new List<FieldDef>();
            Block("message definition", () => ParseMessageStatement(message, proto3Optionals));
            AddSyntheticOneofs(message, proto3Optionals);
        }
        finally
        {
            _depth--;
        }
        return message;
    }

    private void ParseMessageStatement(MessageDef message, List<FieldDef> proto3Optionals)
    {
        if (TryConsume(";"))
        {
            return;
        }
        if (At("message"))
        {
            message.NestedMessages.Add(ParseMessage(message));
        }
        else if (At("enum"))
        {
            var nested = ParseEnum();
            nested.Parent = message;
            message.NestedEnums.Add(nested);
        }
        else if (At("extend"))
        {
            ParseExtend(message.Extends, message);
        }
        else if (At("option"))
        {
            ParseOptionStatement(message.Options);
        }
        else if (At("oneof"))
        {
            ParseOneof(message);
        }
        else if (At("reserved"))
        {
            ParseReserved(message.ReservedRanges, message.ReservedNames, MaxFieldNumber);
        }
        else if (At("extensions"))
        {
            var keyword = Advance();
            if (IsProto3)
            {
                _diagnostics.Error(ProtoDiagnostics.UnsupportedConstruct, "Extension ranges are not allowed in proto3.", Loc(keyword));
            }
            ParseRanges(message.ExtensionRanges, MaxFieldNumber);
            if (At("["))
            {
                ParseOptionList(new List<OptionDef>(), null);
            }
            Expect(";");
        }
        else
        {
            ParseField(message, FieldContext.Message, null, proto3Optionals, null);
        }
    }

    /// <summary>proto3 <c>optional</c> fields each get a oneof of their own, after the declared ones, named as protoc names them.</summary>
    private static void AddSyntheticOneofs(MessageDef message, List<FieldDef> fields)
    {
        if (fields.Count == 0)
        {
            return;
        }
        var taken = new HashSet<string>();
        foreach (var f in message.Fields)
        {
            taken.Add(f.Name);
        }
        foreach (var o in message.Oneofs)
        {
            taken.Add(o.Name);
        }
        foreach (var field in fields)
        {
            var name = field.Name.StartsWith("_", System.StringComparison.Ordinal) ? field.Name : "_" + field.Name;
            while (taken.Contains(name))
            {
                name = "X" + name;
            }
            taken.Add(name);
            var oneof = new OneofDef(name, field.Location) { IsSynthetic = true, Owner = message };
            oneof.Fields.Add(field);
            field.Oneof = oneof;
            message.Oneofs.Add(oneof);
        }
    }

    private void ParseOneof(MessageDef message)
    {
        var keyword = Expect("oneof");
        var nameToken = ExpectIdentifier("a oneof name");
        var oneof = new OneofDef(nameToken.Text, Loc(nameToken)) { Documentation = keyword.LeadingComment, Owner = message };
        message.Oneofs.Add(oneof);
        Block("oneof definition", () =>
        {
            if (TryConsume(";"))
            {
                return;
            }
            if (At("option"))
            {
                ParseOptionStatement(oneof.Options);
                return;
            }
            ParseField(message, FieldContext.Oneof, oneof, null, null);
        });
        if (oneof.Fields.Count == 0)
        {
            _diagnostics.Error(ProtoDiagnostics.EmptyOneof, $"Oneof \"{oneof.Name}\" must have at least one field.", oneof.Location);
        }
    }

    private void ParseField(MessageDef? owner, FieldContext context, OneofDef? oneof, List<FieldDef>? proto3Optionals, ExtendDef? extend)
    {
        var first = Current;
        Token? labelToken = null;
        if (At("optional") || At("required") || At("repeated"))
        {
            labelToken = Advance();
        }
        if (At("group") && PeekAt(1).Kind == TokenKind.Identifier)
        {
            _diagnostics.Error(ProtoDiagnostics.UnsupportedConstruct, "Groups are not supported; use a nested message instead.", Loc(Current));
            throw new SyntaxAbort();
        }
        var typeToken = Current;
        TypeRef type;
        var isMap = false;
        if (At("map") && PeekAt(1).Is("<"))
        {
            Advance();
            Advance();
            var key = ParseFieldType();
            Expect(",");
            var value = ParseFieldType();
            Expect(">");
            type = TypeRef.Map(key, value, Loc(typeToken));
            isMap = true;
        }
        else
        {
            type = ParseFieldType();
        }
        var nameToken = ExpectIdentifier("a field name");
        Expect("=", $"Missing field number: expected \"=\", found {Current}.");
        var numberToken = Current;
        var number = ParseFieldNumber();
        var field = new FieldDef(nameToken.Text, number, type, Loc(nameToken))
        {
            Documentation = first.LeadingComment,
            NumberLocation = Loc(numberToken),
            Owner = context == FieldContext.Extend ? null : owner,
            Extendee = extend,
        };
        if (At("["))
        {
            ParseOptionList(field.Options, field);
        }
        Expect(";");

        field.Label = FieldLabel.Singular;
        if (isMap)
        {
            field.Label = FieldLabel.Repeated;
            if (labelToken != null)
            {
                _diagnostics.Error(ProtoDiagnostics.BadMapField, "Field labels (required/optional/repeated) are not allowed on map fields.", Loc(labelToken));
            }
            if (context == FieldContext.Oneof)
            {
                _diagnostics.Error(ProtoDiagnostics.BadMapField, "Map fields are not allowed in oneofs.", Loc(typeToken));
            }
            else if (context == FieldContext.Extend)
            {
                _diagnostics.Error(ProtoDiagnostics.BadMapField, "Map fields are not allowed to be extensions.", Loc(typeToken));
            }
            else if (owner != null)
            {
                owner.NestedMessages.Add(MakeMapEntry(owner, field, type));
            }
        }
        else if (context == FieldContext.Oneof)
        {
            if (labelToken != null)
            {
                _diagnostics.Error(ProtoDiagnostics.BadLabel, "Fields in oneofs must not have labels (required / optional / repeated).", Loc(labelToken));
            }
        }
        else if (labelToken == null)
        {
            if (!IsProto3)
            {
                _diagnostics.Error(ProtoDiagnostics.BadLabel, "Expected \"required\", \"optional\", or \"repeated\": proto2 fields need a label.", Loc(typeToken));
                field.Label = FieldLabel.Optional;
            }
        }
        else if (labelToken.Text == "repeated")
        {
            field.Label = FieldLabel.Repeated;
        }
        else if (labelToken.Text == "required")
        {
            field.Label = FieldLabel.Required;
            if (IsProto3)
            {
                _diagnostics.Error(ProtoDiagnostics.BadLabel, "Required fields are not allowed in proto3.", Loc(labelToken));
            }
        }
        else
        {
            field.Label = FieldLabel.Optional;
            if (IsProto3 && context == FieldContext.Message)
            {
                proto3Optionals?.Add(field);
            }
        }

        if (!field.HasExplicitJsonName)
        {
            field.JsonName = JsonNames.ToJsonName(field.Name);
        }
        if (extend != null)
        {
            extend.Fields.Add(field);
            return;
        }
        owner?.Fields.Add(field);
        if (oneof != null)
        {
            field.Oneof = oneof;
            oneof.Fields.Add(field);
        }
    }

    private MessageDef MakeMapEntry(MessageDef owner, FieldDef field, TypeRef map)
    {
        var entry = new MessageDef(JsonNames.MapEntryName(field.Name), field.Location)
        {
            IsMapEntry = true,
            Parent = owner,
            File = _file,
        };
        entry.Options.Add(new OptionDef("map_entry", ConstantValue.FromBool(true, field.Location), field.Location));
        entry.Fields.Add(new FieldDef("key", 1, map.Key!, field.Location) { Owner = entry, JsonName = "key", NumberLocation = field.Location });
        entry.Fields.Add(new FieldDef("value", 2, map.Element!, field.Location) { Owner = entry, JsonName = "value", NumberLocation = field.Location });
        return entry;
    }

    private TypeRef ParseFieldType()
    {
        var token = Current;
        if (token.Kind == TokenKind.Identifier && ScalarKeywords.TryGetValue(token.Text, out var scalar))
        {
            Advance();
            return TypeRef.ForScalar(scalar, Loc(token));
        }
        if (token.Kind == TokenKind.Identifier || token.Is("."))
        {
            return TypeRef.Named(ParseDottedName("a type name", allowLeadingDot: true), Loc(token));
        }
        throw Fail($"Expected a field type, found {token}.");
    }

    private int ParseFieldNumber()
    {
        var token = Current;
        var negative = TryConsume("-");
        if (Current.Kind != TokenKind.Integer)
        {
            throw Fail($"Expected a field number, found {Current}.");
        }
        var literal = Advance();
        if (negative || literal.IntegerValue == 0)
        {
            _diagnostics.Error(ProtoDiagnostics.FieldNumberOutOfRange, "Field numbers must be positive integers.", Loc(token));
            return negative ? -(int)System.Math.Min(literal.IntegerValue, int.MaxValue) : 0;
        }
        if (literal.IntegerOverflow || literal.IntegerValue > MaxFieldNumber)
        {
            _diagnostics.Error(ProtoDiagnostics.FieldNumberOutOfRange, $"Field numbers cannot be greater than {MaxFieldNumber}.", Loc(token));
            return (int)System.Math.Min(literal.IntegerValue, int.MaxValue);
        }
        var number = (int)literal.IntegerValue;
        if (number >= 19000 && number <= 19999)
        {
            _diagnostics.Error(ProtoDiagnostics.FieldNumberReservedByProtobuf,
                "Field numbers 19000 through 19999 are reserved for the protocol buffer library implementation.", Loc(token));
        }
        return number;
    }

    private EnumDef ParseEnum()
    {
        var keyword = Expect("enum");
        var nameToken = ExpectIdentifier("an enum name");
        var definition = new EnumDef(nameToken.Text, Loc(nameToken)) { Documentation = keyword.LeadingComment, File = _file };
        EnterNesting(keyword);
        try
        {
            Block("enum definition", () =>
            {
                if (TryConsume(";"))
                {
                    return;
                }
                if (At("option"))
                {
                    ParseOptionStatement(definition.Options);
                }
                else if (At("reserved"))
                {
                    ParseReserved(definition.ReservedRanges, definition.ReservedNames, int.MaxValue);
                }
                else if (ParseEnumValue(definition) is { } value)
                {
                    definition.Values.Add(value);
                }
            });
        }
        finally
        {
            _depth--;
        }
        var allowAlias = definition.FindOption("allow_alias");
        definition.AllowAlias = allowAlias != null && allowAlias.Value.Kind == ConstantKind.Bool && allowAlias.Value.BoolValue;
        return definition;
    }

    /// <summary>Null when the number does not fit (reported); the value is left out so no follow-on error cites it.</summary>
    private EnumValueDef? ParseEnumValue(EnumDef owner)
    {
        var nameToken = ExpectIdentifier("an enum constant name");
        Expect("=", $"Missing numeric value for enum constant: expected \"=\", found {Current}.");
        var numberToken = Current;
        var negative = TryConsume("-");
        if (Current.Kind != TokenKind.Integer)
        {
            throw Fail($"Expected an integer for the enum value, found {Current}.");
        }
        var literal = Advance();
        var outOfRange = literal.IntegerOverflow || literal.IntegerValue > (negative ? 2147483648UL : int.MaxValue);
        if (outOfRange)
        {
            _diagnostics.Error(ProtoDiagnostics.EnumValueOutOfRange, "Enum values must fit in a signed 32-bit integer.", Loc(numberToken));
        }
        var number = outOfRange ? 0 : negative ? (int)-(long)literal.IntegerValue : (int)literal.IntegerValue;
        var value = new EnumValueDef(nameToken.Text, number, Loc(nameToken))
        {
            Documentation = nameToken.LeadingComment,
            NumberLocation = Loc(numberToken),
            Owner = owner,
        };
        if (At("["))
        {
            ParseOptionList(value.Options, null);
        }
        Expect(";");
        return outOfRange ? null : value;
    }

    private void ParseReserved(List<ReservedRange> ranges, List<string> names, int max)
    {
        Expect("reserved");
        if (Current.Kind == TokenKind.String)
        {
            do
            {
                names.Add(ParseStringLiteral("a reserved name").Text);
            }
            while (TryConsume(","));
        }
        else if (Current.Kind == TokenKind.Identifier)
        {
            throw Fail("Reserved names must be string literals (identifiers are only allowed in editions).");
        }
        else
        {
            ParseRanges(ranges, max);
        }
        Expect(";");
    }

    private void ParseRanges(List<ReservedRange> ranges, int max)
    {
        do
        {
            var startToken = Current;
            var start = ParseRangeBound();
            var end = start;
            if (TryConsume("to"))
            {
                end = TryConsume("max") ? max : ParseRangeBound();
            }
            ranges.Add(new ReservedRange(start, end, Loc(startToken)));
        }
        while (TryConsume(","));
    }

    private int ParseRangeBound()
    {
        var token = Current;
        var negative = TryConsume("-");
        if (Current.Kind != TokenKind.Integer)
        {
            throw Fail($"Expected a range bound (an integer), found {Current}.");
        }
        var literal = Advance();
        if (literal.IntegerOverflow || literal.IntegerValue > (negative ? 2147483648UL : int.MaxValue))
        {
            _diagnostics.Error(ProtoDiagnostics.InvalidNumber, "Range bound out of range for a 32-bit integer.", Loc(token));
            return negative ? int.MinValue : int.MaxValue;
        }
        return negative ? (int)-(long)literal.IntegerValue : (int)literal.IntegerValue;
    }
}
