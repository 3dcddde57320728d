using System.Collections.Generic;
using System.Text;

namespace Steward.Rpc.Schema.Protobuf;

internal sealed partial class ProtoParser
{
    private void ParseOptionStatement(List<OptionDef> target)
    {
        Expect("option");
        var nameToken = Current;
        var name = ParseOptionName();
        Expect("=");
        var value = ParseOptionValue(0);
        Expect(";");
        target.Add(new OptionDef(name, value, Loc(nameToken)));
    }

    /// <summary>
    /// <c>[name = value, ...]</c> after a field, enum value or extension range. On a field,
    /// <c>default</c> and <c>json_name</c> are not options but field properties, as in descriptor.proto.
    /// </summary>
    private void ParseOptionList(List<OptionDef> target, FieldDef? field)
    {
        Expect("[");
        do
        {
            var nameToken = Current;
            var name = ParseOptionName();
            Expect("=");
            var value = ParseOptionValue(0);
            if (field != null && name == "default")
            {
                if (IsProto3)
                {
                    _diagnostics.Error(ProtoDiagnostics.DefaultInProto3, "Explicit default values are not allowed in proto3.", Loc(nameToken));
                }
                field.DefaultValue = value;
            }
            else if (field != null && name == "json_name")
            {
                if (value.Kind != ConstantKind.String)
                {
                    _diagnostics.Error(ProtoDiagnostics.BadOptionValue, "Option json_name must be a string.", value.Location);
                }
                else if (field.Extendee != null)
                {
                    _diagnostics.Error(ProtoDiagnostics.BadOptionValue, "Option json_name is not allowed on extension fields.", Loc(nameToken));
                }
                else
                {
                    field.JsonName = value.Text;
                    field.HasExplicitJsonName = true;
                }
            }
            else
            {
                target.Add(new OptionDef(name, value, Loc(nameToken)));
            }
        }
        while (TryConsume(","));
        Expect("]");
    }

    /// <summary><c>ident</c>, <c>(full.ext.name)</c>, joined with dots: kept as written, e.g. <c>(my.ext).sub</c>.</summary>
    private string ParseOptionName()
    {
        var sb = new StringBuilder();
        while (true)
        {
            if (At("("))
            {
                Advance();
                sb.Append('(').Append(ParseDottedName("an extension name", allowLeadingDot: true));
                Expect(")");
                sb.Append(')');
            }
            else
            {
                sb.Append(ExpectIdentifier("an option name").Text);
            }
            if (!At("."))
            {
                return sb.ToString();
            }
            Advance();
            sb.Append('.');
        }
    }

    private ConstantValue ParseOptionValue(int depth)
    {
        var token = Current;
        if (At("{") || At("<"))
        {
            return ParseAggregate(depth);
        }
        if (At("-") || At("+"))
        {
            var negative = Advance().Text == "-";
            var literal = Current;
            if (literal.Kind == TokenKind.Integer)
            {
                Advance();
                CheckIntegerFits(literal);
                return ConstantValue.FromInteger(literal.IntegerValue, negative, Loc(token));
            }
            if (literal.Kind == TokenKind.Float)
            {
                Advance();
                return ConstantValue.FromFloat(negative ? -literal.FloatValue : literal.FloatValue, Loc(token));
            }
            if (literal.Is("inf") || literal.Is("infinity") || literal.Is("nan"))
            {
                Advance();
                return ConstantValue.FromIdentifier((negative ? "-" : "") + literal.Text, Loc(token));
            }
            throw Fail($"Expected a number after \"{token.Text}\", found {literal}.");
        }
        switch (token.Kind)
        {
            case TokenKind.Integer:
                Advance();
                CheckIntegerFits(token);
                return ConstantValue.FromInteger(token.IntegerValue, false, Loc(token));
            case TokenKind.Float:
                Advance();
                return ConstantValue.FromFloat(token.FloatValue, Loc(token));
            case TokenKind.String:
                return ParseStringLiteral("a string");
            case TokenKind.Identifier:
                if (token.Text == "true" || token.Text == "false")
                {
                    Advance();
                    return ConstantValue.FromBool(token.Text == "true", Loc(token));
                }
                return ConstantValue.FromIdentifier(ParseDottedName("a value", allowLeadingDot: false), Loc(token));
            default:
                throw Fail($"Expected an option value, found {token}.");
        }
    }

    private void CheckIntegerFits(Token literal)
    {
        if (literal.IntegerOverflow)
        {
            _diagnostics.Error(ProtoDiagnostics.InvalidNumber, "Integer out of range (it does not fit in 64 bits).", Loc(literal));
        }
    }

    /// <summary>
    /// A text-format message value, <c>{ a: 1 b: [1, 2] sub { c: "x" } [ext.name]: 2 }</c>: parsed into
    /// entries for readers, and kept verbatim in <see cref="ConstantValue.SourceText"/>.
    /// </summary>
    private ConstantValue ParseAggregate(int depth)
    {
        var open = Current;
        var close = open.Is("<") ? ">" : "}";
        if (depth >= MaxDepth)
        {
            _diagnostics.Error(ProtoDiagnostics.NestingTooDeep, $"Aggregate value nested more than {MaxDepth} levels deep.", Loc(open));
            throw new SyntaxAbort();
        }
        Advance();
        var aggregate = ConstantValue.NewAggregate(Loc(open));
        while (!At(close))
        {
            if (AtEnd)
            {
                throw Fail("Reached end of input inside an aggregate value.");
            }
            var keyToken = Current;
            string key;
            if (At("["))
            {
                Advance();
                var sb = new StringBuilder("[");
                while (!At("]"))
                {
                    if (Current.Kind != TokenKind.Identifier && !At(".") && !At("/"))
                    {
                        throw Fail($"Expected an extension or type URL in \"[...]\", found {Current}.");
                    }
                    sb.Append(Advance().Text);
                }
                Advance();
                key = sb.Append(']').ToString();
            }
            else
            {
                key = ExpectIdentifier("a field name in the aggregate value").Text;
            }
            var hasColon = TryConsume(":");
            ConstantValue value;
            if (At("{") || At("<"))
            {
                value = ParseAggregate(depth + 1);
            }
            else if (At("["))
            {
                value = ParseList(depth + 1);
            }
            else if (!hasColon)
            {
                throw Fail($"Expected \":\" after \"{key}\", found {Current}.");
            }
            else
            {
                value = ParseOptionValue(depth + 1);
            }
            aggregate.Entries.Add(new KeyValuePair<ConstantValue, ConstantValue>(ConstantValue.FromIdentifier(key, Loc(keyToken)), value));
            if (!TryConsume(","))
            {
                TryConsume(";");
            }
        }
        var closeToken = Advance();
        aggregate.SourceText = _text.Substring(open.Start, closeToken.End - open.Start);
        return aggregate;
    }

    private ConstantValue ParseList(int depth)
    {
        var open = Expect("[");
        if (depth >= MaxDepth)
        {
            _diagnostics.Error(ProtoDiagnostics.NestingTooDeep, $"List value nested more than {MaxDepth} levels deep.", Loc(open));
            throw new SyntaxAbort();
        }
        var list = ConstantValue.NewList(Loc(open));
        if (!At("]"))
        {
            do
            {
                list.Items.Add(ParseOptionValue(depth + 1));
            }
            while (TryConsume(","));
        }
        var closeToken = Expect("]");
        list.SourceText = _text.Substring(open.Start, closeToken.End - open.Start);
        return list;
    }
}
