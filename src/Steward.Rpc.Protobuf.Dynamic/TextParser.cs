using System.Globalization;
using Steward.Rpc.Schema;

namespace Steward.Rpc.Protobuf.Dynamic;

/// <summary>Reads protobuf text format into a <see cref="DynamicMessage"/>, with protoc's rules and error messages' spirit.</summary>
internal sealed class TextParser
{
    private const int MaxDepth = 100;
    private readonly TextTokenizer _tokenizer;
    private readonly SchemaSet? _types;
    private TextToken _current;
    private int _depth;

    public TextParser(string text, SchemaSet? types)
    {
        _tokenizer = new TextTokenizer(text);
        _types = types;
        _current = _tokenizer.Next();
    }

    public DynamicMessage ParseMessage(MessageDef type)
    {
        var message = new DynamicMessage(type);
        ParseFields(message, null);
        if (_current.Kind != TextTokenKind.End)
        {
            throw Error($"Expected identifier, got: {_current.Text}");
        }
        return message;
    }

    private void ParseFields(DynamicMessage message, string? closing)
    {
        var seen = new HashSet<int>();
        while (_current.Kind != TextTokenKind.End && !(closing != null && IsSymbol(closing)))
        {
            ParseField(message, seen);
            if (IsSymbol(";") || IsSymbol(","))
            {
                Advance();
            }
        }
    }

    private void ParseField(DynamicMessage message, HashSet<int> seen)
    {
        var nameToken = _current;
        if (IsSymbol("["))
        {
            ParseBracketedField(message, nameToken);
            return;
        }
        if (_current.Kind != TextTokenKind.Identifier)
        {
            throw Error($"Expected identifier, got: {_current.Text}");
        }
        Advance();
        var field = message.FindField(nameToken.Text)
            ?? throw new ProtoFormatException(nameToken.Line, nameToken.Column, $"Message type \"{message.Type.FullName}\" has no field named \"{nameToken.Text}\".");
        var repeated = field.Label == FieldLabel.Repeated || field.Type.Kind == TypeKind.Map;
        if (!repeated)
        {
            if (!seen.Add(field.Number))
            {
                throw new ProtoFormatException(nameToken.Line, nameToken.Column, $"Non-repeated field \"{field.Name}\" is specified multiple times.");
            }
            if (field.Oneof is { IsSynthetic: false } oneof)
            {
                foreach (var other in oneof.Fields)
                {
                    if (other.Number != field.Number && seen.Contains(other.Number))
                    {
                        throw new ProtoFormatException(nameToken.Line, nameToken.Column,
                            $"Field \"{field.Name}\" is specified along with field \"{other.Name}\", another member of oneof \"{oneof.Name}\".");
                    }
                }
            }
        }

        var isMessage = field.Type.Kind is TypeKind.Message or TypeKind.Map;
        var hadColon = false;
        if (IsSymbol(":"))
        {
            hadColon = true;
            Advance();
        }
        else if (!isMessage)
        {
            throw Error($"Expected \":\", found \"{_current.Text}\".");
        }
        if (hadColon && repeated && IsSymbol("["))
        {
            Advance();
            if (!IsSymbol("]"))
            {
                while (true)
                {
                    ParseValueInto(message, field);
                    if (IsSymbol("]"))
                    {
                        break;
                    }
                    Expect(",");
                }
            }
            Advance();
            return;
        }
        ParseValueInto(message, field);
    }

    private void ParseValueInto(DynamicMessage message, FieldDef field)
    {
        if (field.Type.Kind == TypeKind.Map)
        {
            var (key, value) = ParseMapEntry(field.Type);
            message.GetMap(field)[key] = value;
        }
        else if (field.Type.Kind == TypeKind.Message)
        {
            var nested = ParseNestedMessage(DynamicMessage.MessageTypeOf(field.Type));
            if (field.Label == FieldLabel.Repeated)
            {
                message.GetRepeated(field).Add(nested);
            }
            else
            {
                message.Set(field, nested);
            }
        }
        else
        {
            var value = ParseScalar(field.Type);
            if (field.Label == FieldLabel.Repeated)
            {
                message.GetRepeated(field).Add(value);
            }
            else
            {
                message.Set(field, value);
            }
        }
    }

    private DynamicMessage ParseNestedMessage(MessageDef type)
    {
        var closing = OpenBlock();
        var nested = new DynamicMessage(type);
        ParseFields(nested, closing);
        CloseBlock(closing);
        return nested;
    }

    private (object Key, object Value) ParseMapEntry(TypeRef mapType)
    {
        var closing = OpenBlock();
        object? key = null;
        object? value = null;
        while (!IsSymbol(closing))
        {
            var name = _current;
            if (name.Kind != TextTokenKind.Identifier || name.Text is not ("key" or "value"))
            {
                throw Error($"Map entries have only the fields \"key\" and \"value\", got: {name.Text}");
            }
            Advance();
            var type = name.Text == "key" ? mapType.Key! : mapType.Element!;
            if (type.Kind == TypeKind.Message)
            {
                if (IsSymbol(":"))
                {
                    Advance();
                }
                value = ParseNestedMessage(DynamicMessage.MessageTypeOf(type));
            }
            else
            {
                Expect(":");
                var parsed = ParseScalar(type);
                if (name.Text == "key")
                {
                    key = parsed;
                }
                else
                {
                    value = parsed;
                }
            }
            if (IsSymbol(";") || IsSymbol(","))
            {
                Advance();
            }
            if (_current.Kind == TextTokenKind.End)
            {
                throw Error($"Expected \"{closing}\".");
            }
        }
        CloseBlock(closing);
        var element = mapType.Element!;
        return (key ?? DynamicMessage.DefaultValue(mapType.Key!)!,
            value ?? (element.Kind == TypeKind.Message ? new DynamicMessage(DynamicMessage.MessageTypeOf(element)) : DynamicMessage.DefaultValue(element)!));
    }

    /// <summary><c>[type.googleapis.com/pkg.Message] { … }</c> inside an Any; extensions are not supported.</summary>
    private void ParseBracketedField(DynamicMessage message, TextToken start)
    {
        Advance();
        var name = new System.Text.StringBuilder();
        while (!IsSymbol("]"))
        {
            if (_current.Kind == TextTokenKind.End)
            {
                throw Error("Expected \"]\".");
            }
            name.Append(_current.Text);
            Advance();
        }
        Advance();
        var typeUrl = name.ToString();
        var slash = typeUrl.LastIndexOf('/');
        if (message.Type.FullName != "google.protobuf.Any" || slash < 0)
        {
            throw new ProtoFormatException(start.Line, start.Column, $"Extension \"{typeUrl}\" is not defined or is not an extension of \"{message.Type.FullName}\".");
        }
        var typeName = typeUrl.Substring(slash + 1);
        if (_types?.FindType(typeName) is not MessageDef packedType)
        {
            throw new ProtoFormatException(start.Line, start.Column, $"Could not find type \"{typeUrl}\" stored in google.protobuf.Any.");
        }
        if (IsSymbol(":"))
        {
            Advance();
        }
        var packed = ParseNestedMessage(packedType);
        var typeUrlField = message.FindField("type_url");
        var valueField = message.FindField("value");
        if (typeUrlField is null || valueField is null)
        {
            throw new ProtoFormatException(start.Line, start.Column, "google.protobuf.Any in this schema lacks type_url/value.");
        }
        message.Set(typeUrlField, typeUrl);
        message.Set(valueField, ProtoBinary.Serialize(packed));
    }

    private string OpenBlock()
    {
        if (IsSymbol("{") || IsSymbol("<"))
        {
            var closing = _current.Text == "{" ? "}" : ">";
            if (++_depth > MaxDepth)
            {
                throw Error($"Message is too deep, the parser exceeded the configured recursion limit of {MaxDepth}.");
            }
            Advance();
            return closing;
        }
        throw Error($"Expected \"{{\", found \"{_current.Text}\".");
    }

    private void CloseBlock(string closing)
    {
        Expect(closing);
        _depth--;
    }

    private object ParseScalar(TypeRef type)
    {
        var token = _current;
        if (type.Kind == TypeKind.Enum)
        {
            var enumType = (EnumDef)type.Definition!;
            if (token.Kind == TextTokenKind.Identifier)
            {
                Advance();
                return (MessageInfo.EnumValue(enumType, token.Text)
                    ?? throw new ProtoFormatException(token.Line, token.Column, $"Unknown enumeration value of \"{token.Text}\" for field of type \"{enumType.FullName}\".")).Number;
            }
            return (int)ParseSigned(int.MinValue, int.MaxValue);
        }
        switch (type.Scalar)
        {
            case ScalarType.String:
            case ScalarType.Bytes:
                if (token.Kind != TextTokenKind.String)
                {
                    throw Error($"Expected string, got: {token.Text}");
                }
                var bytes = new List<byte>();
                while (_current.Kind == TextTokenKind.String)
                {
                    bytes.AddRange(_current.Bytes!);
                    Advance();
                }
                var array = bytes.ToArray();
                return type.Scalar == ScalarType.Bytes ? array : System.Text.Encoding.UTF8.GetString(array);
            case ScalarType.Bool:
                Advance();
                return token.Text switch
                {
                    "true" or "True" or "t" or "1" => true,
                    "false" or "False" or "f" or "0" => false,
                    _ => throw new ProtoFormatException(token.Line, token.Column, $"Invalid value for boolean field: \"{token.Text}\"."),
                };
            case ScalarType.Float:
                return (float)ParseDouble();
            case ScalarType.Double:
                return ParseDouble();
            case ScalarType.Int32 or ScalarType.SInt32 or ScalarType.SFixed32:
                return (int)ParseSigned(int.MinValue, int.MaxValue);
            case ScalarType.Int64 or ScalarType.SInt64 or ScalarType.SFixed64:
                return ParseSigned(long.MinValue, long.MaxValue);
            case ScalarType.UInt32 or ScalarType.Fixed32:
                return (uint)ParseUnsigned(uint.MaxValue);
            case ScalarType.UInt64 or ScalarType.Fixed64:
                return ParseUnsigned(ulong.MaxValue);
            default:
                throw Error($"Fields of type {type} cannot be written in text format.");
        }
    }

    private double ParseDouble()
    {
        var negative = false;
        if (IsSymbol("-"))
        {
            negative = true;
            Advance();
        }
        var token = _current;
        double value;
        switch (token.Kind)
        {
            case TextTokenKind.Integer:
                value = token.Text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || token.Text.Length > 1 && token.Text[0] == '0'
                    ? ParseIntegerLiteral(token)
                    : double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
                break;
            case TextTokenKind.Float:
                var text = token.Text.TrimEnd('f', 'F');
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                {
                    throw new ProtoFormatException(token.Line, token.Column, $"Invalid floating-point value \"{token.Text}\".");
                }
                break;
            case TextTokenKind.Identifier when token.Text.Equals("inf", StringComparison.OrdinalIgnoreCase) || token.Text.Equals("infinity", StringComparison.OrdinalIgnoreCase):
                value = double.PositiveInfinity;
                break;
            case TextTokenKind.Identifier when token.Text.Equals("nan", StringComparison.OrdinalIgnoreCase):
                value = double.NaN;
                break;
            default:
                throw Error($"Expected double, got: {token.Text}");
        }
        Advance();
        return negative ? -value : value;
    }

    private long ParseSigned(long min, long max)
    {
        var negative = false;
        if (IsSymbol("-"))
        {
            negative = true;
            Advance();
        }
        var token = _current;
        if (token.Kind != TextTokenKind.Integer)
        {
            throw Error($"Expected integer, got: {token.Text}");
        }
        var magnitude = ParseIntegerLiteral(token);
        Advance();
        var limit = negative ? (ulong)-(min + 1) + 1 : (ulong)max;
        if (magnitude > limit)
        {
            throw new ProtoFormatException(token.Line, token.Column, $"Integer out of range ({(negative ? "-" : "")}{token.Text}).");
        }
        return negative ? (long)(0 - magnitude) : (long)magnitude;
    }

    private ulong ParseUnsigned(ulong max)
    {
        var token = _current;
        if (IsSymbol("-") || token.Kind != TextTokenKind.Integer)
        {
            throw Error($"Expected integer, got: {token.Text}");
        }
        var value = ParseIntegerLiteral(token);
        Advance();
        if (value > max)
        {
            throw new ProtoFormatException(token.Line, token.Column, $"Integer out of range ({token.Text}).");
        }
        return value;
    }

    private static ulong ParseIntegerLiteral(TextToken token)
    {
        var text = token.Text;
        var (digits, radix) = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? (text.Substring(2), 16)
            : text.Length > 1 && text[0] == '0' ? (text.Substring(1), 8)
            : (text, 10);
        if (digits.Length == 0)
        {
            throw new ProtoFormatException(token.Line, token.Column, $"Invalid integer \"{text}\".");
        }
        ulong value = 0;
        foreach (var c in digits)
        {
            var d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
            if (d < 0 || d >= radix)
            {
                throw new ProtoFormatException(token.Line, token.Column, $"Invalid integer \"{text}\".");
            }
            var next = unchecked(value * (ulong)radix + (ulong)d);
            if (value > (ulong.MaxValue - (ulong)d) / (ulong)radix)
            {
                throw new ProtoFormatException(token.Line, token.Column, $"Integer out of range ({text}).");
            }
            value = next;
        }
        return value;
    }

    private bool IsSymbol(string symbol) => _current.Kind == TextTokenKind.Symbol && _current.Text == symbol;

    private void Expect(string symbol)
    {
        if (!IsSymbol(symbol))
        {
            throw Error($"Expected \"{symbol}\", found \"{_current.Text}\".");
        }
        Advance();
    }

    private void Advance() => _current = _tokenizer.Next();

    private ProtoFormatException Error(string message) => new(_current.Line, _current.Column, message);
}
