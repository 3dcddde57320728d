using System;
using System.Globalization;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Protobuf;

/// <summary>How one value of a proto type is declared, written, read, sized and compared in generated C#.</summary>
internal sealed class ValueCodec
{
    public const string Rt = "global::Steward.Rpc.Protobuf.";

    private ValueCodec(string csType, int wireType, string write, string read, string size, int fixedSize)
    {
        CsType = csType;
        WireType = wireType;
        WriteMethod = write;
        ReadExpression = read;
        SizeMethod = size;
        FixedSize = fixedSize;
    }

    public string CsType { get; }
    /// <summary>0 varint, 1 fixed64, 2 length-delimited, 5 fixed32.</summary>
    public int WireType { get; }
    private string WriteMethod { get; }
    public string ReadExpression { get; }
    private string SizeMethod { get; }
    /// <summary>Bytes per value for fixed32/fixed64 types; 0 when the size depends on the value.</summary>
    public int FixedSize { get; }
    public bool IsMessage { get; private set; }
    public bool IsString { get; private set; }
    public bool IsBytes { get; private set; }
    public bool IsEnum { get; private set; }
    public bool IsFloat { get; private set; }
    public bool IsDouble { get; private set; }
    /// <summary>Numbers, bools and enums may be packed.</summary>
    public bool IsPackable => !IsMessage && !IsString && !IsBytes;

    public string DefaultValue => IsMessage ? "null" : IsString ? "\"\"" : IsBytes ? Rt + "ByteString.Empty" : "default";

    public static ValueCodec For(TypeRef type, TypeNames names)
    {
        switch (type.Kind)
        {
            case TypeKind.Message:
                return new ValueCodec(names.FullName(type.Definition!), 2, "", "", "", 0) { IsMessage = true };
            case TypeKind.Enum:
                var enumType = names.FullName(type.Definition!);
                return new ValueCodec(enumType, 0, "WriteEnum", "(" + enumType + ")reader.ReadEnum()", "Enum", 0) { IsEnum = true };
            case TypeKind.Scalar:
                return ForScalar(type.Scalar);
            default:
                throw new InvalidOperationException($"type {type} cannot be a protobuf field value");
        }
    }

    private static ValueCodec ForScalar(ScalarType scalar) => scalar switch
    {
        ScalarType.Double => new ValueCodec("double", 1, "WriteDouble", "reader.ReadDouble()", "", 8) { IsDouble = true },
        ScalarType.Float => new ValueCodec("float", 5, "WriteFloat", "reader.ReadFloat()", "", 4) { IsFloat = true },
        ScalarType.Int64 => new ValueCodec("long", 0, "WriteInt64", "reader.ReadInt64()", "Int64", 0),
        ScalarType.UInt64 => new ValueCodec("ulong", 0, "WriteUInt64", "reader.ReadUInt64()", "UInt64", 0),
        ScalarType.Int32 => new ValueCodec("int", 0, "WriteInt32", "reader.ReadInt32()", "Int32", 0),
        ScalarType.Fixed64 => new ValueCodec("ulong", 1, "WriteFixed64", "reader.ReadFixed64()", "", 8),
        ScalarType.Fixed32 => new ValueCodec("uint", 5, "WriteFixed32", "reader.ReadFixed32()", "", 4),
        ScalarType.Bool => new ValueCodec("bool", 0, "WriteBool", "reader.ReadBool()", "", 1),
        ScalarType.String => new ValueCodec("string", 2, "WriteString", "reader.ReadString()", "String", 0) { IsString = true },
        ScalarType.Bytes => new ValueCodec(Rt + "ByteString", 2, "WriteBytes", "reader.ReadBytes()", "Bytes", 0) { IsBytes = true },
        ScalarType.UInt32 => new ValueCodec("uint", 0, "WriteUInt32", "reader.ReadUInt32()", "UInt32", 0),
        ScalarType.SFixed32 => new ValueCodec("int", 5, "WriteSFixed32", "reader.ReadSFixed32()", "", 4),
        ScalarType.SFixed64 => new ValueCodec("long", 1, "WriteSFixed64", "reader.ReadSFixed64()", "", 8),
        ScalarType.SInt32 => new ValueCodec("int", 0, "WriteSInt32", "reader.ReadSInt32()", "SInt32", 0),
        ScalarType.SInt64 => new ValueCodec("long", 0, "WriteSInt64", "reader.ReadSInt64()", "SInt64", 0),
        _ => throw new InvalidOperationException($"scalar type {scalar} has no protobuf encoding"),
    };

    /// <summary>The declared type of a singular field (messages are nullable).</summary>
    public string FieldType => IsMessage ? CsType + "?" : CsType;

    /// <summary>True when <paramref name="value"/> is not the proto3 default (implicit presence: only then is it written).</summary>
    public string NotDefault(string value)
    {
        if (IsMessage)
        {
            return value + " != null";
        }
        if (IsString || IsBytes)
        {
            return value + ".Length != 0";
        }
        if (IsEnum)
        {
            return "(int)" + value + " != 0";
        }
        return CsType switch
        {
            "bool" => value,
            "double" => value + " != 0D",
            "float" => value + " != 0F",
            _ => value + " != 0",
        };
    }

    /// <summary>
    /// Map keys and values are omitted when default too, but there Google.Protobuf compares floating
    /// point bitwise, so -0.0 is written (while a singular -0.0 field is not).
    /// </summary>
    public string NotDefaultInMap(string value) =>
        IsDouble ? "global::System.BitConverter.DoubleToInt64Bits(" + value + ") != 0"
        : IsFloat ? "global::System.BitConverter.SingleToInt32Bits(" + value + ") != 0"
        : NotDefault(value);

    /// <summary>The value's encoded size (without tag) as an expression.</summary>
    public string Size(string value)
    {
        if (FixedSize > 0)
        {
            return FixedSize.ToString(CultureInfo.InvariantCulture);
        }
        if (IsEnum)
        {
            return Rt + "ProtoSize.Enum((int)" + value + ")";
        }
        return Rt + "ProtoSize." + SizeMethod + "(" + value + ")";
    }

    /// <summary>A statement writing the value (without tag); messages use their cached size.</summary>
    public string Write(string value)
    {
        if (IsMessage)
        {
            return "writer.WriteLength(" + value + ".GetCachedSize()); " + value + ".WriteTo(ref writer);";
        }
        if (IsEnum)
        {
            return "writer.WriteEnum((int)" + value + ");";
        }
        return "writer." + WriteMethod + "(" + value + ");";
    }

    public string AreEqual(string left, string right)
    {
        if (IsDouble || IsFloat)
        {
            return Rt + "ProtoEquality.Equals(" + left + ", " + right + ")";
        }
        if (IsMessage)
        {
            return "global::System.Object.Equals(" + left + ", " + right + ")";
        }
        return left + " == " + right;
    }

    public string HashOf(string value) =>
        IsDouble || IsFloat ? Rt + "ProtoEquality.GetHashCode(" + value + ")" : value + (IsMessage ? "?.GetHashCode() ?? 0" : ".GetHashCode()");

    /// <summary>Comparer argument for list/map equality helpers ("" when the default comparer is right).</summary>
    public string ComparerArgument => IsDouble ? ", " + Rt + "ProtoEquality.DoubleComparer" : IsFloat ? ", " + Rt + "ProtoEquality.FloatComparer" : "";
}
