using System;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Protobuf.ProtoThrift;

/// <summary>
/// How one proto value travels as a Thrift value. Thrift has no unsigned integers and no 32-bit
/// float, so the mapping picks the narrowest Thrift type that carries every proto value exactly:
/// <list type="bullet">
/// <item>int32, sint32, sfixed32 → i32; int64, sint64, sfixed64 → i64;</item>
/// <item>uint32, fixed32 → i64 (every value fits; a peer's value outside 0..2^32-1 is rejected on read);</item>
/// <item>uint64, fixed64 → i64 holding the same 64 bits (values above 2^63-1 look negative to a Thrift peer);</item>
/// <item>float → double (widening is exact; reading rounds to the nearest float);</item>
/// <item>bool, string, double as themselves; bytes → binary; enums → i32;</item>
/// <item>messages → struct, except the well-known types, which the runtime does not generate as
/// Thrift structs: they travel as binary holding their protobuf encoding.</item>
/// </list>
/// </summary>
internal sealed class ThriftValue
{
    public const string Th = "global::Steward.Rpc.Thrift.";

    private readonly ValueCodec _codec;

    private ThriftValue(ValueCodec codec, string wireType, bool wellKnownMessage)
    {
        _codec = codec;
        WireType = wireType;
        IsWellKnownMessage = wellKnownMessage;
    }

    /// <summary>The ThriftType member name (<c>I32</c>, <c>Struct</c>…).</summary>
    public string WireType { get; }
    public string WireTypeExpression => Th + "ThriftType." + WireType;
    public bool IsWellKnownMessage { get; }
    public bool IsStruct => _codec.IsMessage && !IsWellKnownMessage;
    public bool NeedsUInt32Check => _codec.CsType == "uint";

    public static ThriftValue For(ValueCodec codec, TypeRef type)
    {
        if (codec.IsMessage)
        {
            var wellKnown = type.Definition?.File?.IsWellKnown == true;
            return new ThriftValue(codec, wellKnown ? "String" : "Struct", wellKnown);
        }
        if (codec.IsEnum)
        {
            return new ThriftValue(codec, "I32", false);
        }
        if (codec.IsBytes || codec.IsString)
        {
            return new ThriftValue(codec, "String", false);
        }
        var wire = codec.CsType switch
        {
            "int" => "I32",
            "long" or "uint" or "ulong" => "I64",
            "bool" => "Bool",
            "float" or "double" => "Double",
            _ => throw new InvalidOperationException("no Thrift mapping for " + codec.CsType),
        };
        return new ThriftValue(codec, wire, false);
    }

    /// <summary>A statement writing <paramref name="value"/> (never null for messages here).</summary>
    public string Write(string value)
    {
        if (IsWellKnownMessage)
        {
            return $"writer.WriteBinary({value}.ToByteArray());";
        }
        if (_codec.IsMessage)
        {
            return $"(({Th}IThriftStruct){value}).Write(writer);";
        }
        if (_codec.IsEnum)
        {
            return $"writer.WriteI32((int){value});";
        }
        if (_codec.IsBytes)
        {
            return $"writer.WriteBinary({value}.Span);";
        }
        return _codec.CsType switch
        {
            "string" => $"writer.WriteString({value});",
            "int" => $"writer.WriteI32({value});",
            "long" or "uint" => $"writer.WriteI64({value});",
            "ulong" => $"writer.WriteI64(unchecked((long){value}));",
            "bool" => $"writer.WriteBool({value});",
            _ => $"writer.WriteDouble({value});",
        };
    }

    /// <summary>
    /// Statements reading one value and handing it to <paramref name="assign"/> (a format with
    /// <c>{0}</c> for the value); <paramref name="local"/> names the temporary a struct is read into.
    /// </summary>
    public string Read(string assign, string local, string fieldName)
    {
        if (IsStruct)
        {
            return $"{{ var {local} = new {_codec.CsType}(); (({Th}IThriftStruct){local}).Read(reader); {string.Format(System.Globalization.CultureInfo.InvariantCulture, assign, local)} }}";
        }
        if (IsWellKnownMessage)
        {
            // Bad protobuf bytes inside the binary are bad Thrift input too: the transport maps protocol errors, not decode errors.
            var parse = string.Format(System.Globalization.CultureInfo.InvariantCulture, assign, ReadExpression(fieldName));
            return $"try {{ {parse} }} catch ({ValueCodec.Rt}ProtoDecodeException e) {{ throw new {Th}ThriftProtocolException({Th}ThriftProtocolError.InvalidData, {Naming.Literal(fieldName + ": ")} + e.Message, e); }}";
        }
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, assign, ReadExpression(fieldName));
    }

    private string ReadExpression(string fieldName)
    {
        if (IsWellKnownMessage)
        {
            return $"{_codec.CsType}.Parse(reader.ReadBinary())";
        }
        if (_codec.IsEnum)
        {
            return $"({_codec.CsType})reader.ReadI32()";
        }
        if (_codec.IsBytes)
        {
            return $"new {ValueCodec.Rt}ByteString(reader.ReadBinary())";
        }
        return _codec.CsType switch
        {
            "string" => "reader.ReadString()",
            "int" => "reader.ReadI32()",
            "long" => "reader.ReadI64()",
            "uint" => $"__ThriftUInt32(reader.ReadI64(), {Naming.Literal(fieldName)})",
            "ulong" => "unchecked((ulong)reader.ReadI64())",
            "bool" => "reader.ReadBool()",
            "float" => "(float)reader.ReadDouble()",
            _ => "reader.ReadDouble()",
        };
    }
}
