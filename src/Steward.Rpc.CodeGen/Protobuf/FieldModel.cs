using System.Collections.Generic;
using System.Globalization;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Protobuf;

internal enum FieldShape
{
    /// <summary>proto3 implicit presence: written when not the default.</summary>
    Implicit,
    /// <summary>proto3 <c>optional</c> scalar: a has-bit tracks presence.</summary>
    Optional,
    /// <summary>A message field: present when non-null.</summary>
    Message,
    Repeated,
    Map,
    /// <summary>A member of a real oneof.</summary>
    OneofMember,
}

/// <summary>Everything the emitter needs to know about one field, names already made unique.</summary>
internal sealed class FieldModel
{
    public FieldModel(FieldDef def, FieldShape shape, ValueCodec codec)
    {
        Def = def;
        Shape = shape;
        Codec = codec;
    }

    public FieldDef Def { get; }
    public FieldShape Shape { get; }
    /// <summary>The value codec (element type for repeated, value type for maps).</summary>
    public ValueCodec Codec { get; }
    public ValueCodec? KeyCodec { get; set; }
    public bool Packed { get; set; }
    public string Property { get; set; } = "";
    public string Backing => "_" + Property;
    public string NumberConstant { get; set; } = "";
    public string HasName { get; set; } = "";
    public string ClearName { get; set; } = "";
    public int HasBit { get; set; }
    public OneofModel? Oneof { get; set; }
    public int Number => Def.Number;

    /// <summary>The tag this field is written with.</summary>
    public uint Tag => Shape == FieldShape.Map || (Shape == FieldShape.Repeated && Packed) ? MakeTag(Number, 2) : MakeTag(Number, Codec.WireType);

    public static uint MakeTag(int number, int wireType) => ((uint)number << 3) | (uint)wireType;

    public static int TagSize(uint tag) => tag < 1u << 7 ? 1 : tag < 1u << 14 ? 2 : tag < 1u << 21 ? 3 : tag < 1u << 28 ? 4 : 5;

    /// <summary>A statement writing the tag, with the bytes precomputed as protoc's output does.</summary>
    public static string WriteTag(uint tag)
    {
        var bytes = new List<string>();
        var value = tag;
        while (value >= 0x80)
        {
            bytes.Add(Hex((value & 0x7F) | 0x80));
            value >>= 7;
        }
        bytes.Add(Hex(value));
        return bytes.Count <= 2 ? "writer.WriteRawTag(" + string.Join(", ", bytes) + ");" : "writer.WriteTag(" + tag.ToString(CultureInfo.InvariantCulture) + "u);";
    }

    private static string Hex(uint b) => "0x" + b.ToString("X2", CultureInfo.InvariantCulture);
}

internal sealed class OneofModel
{
    public OneofModel(OneofDef def) => Def = def;

    public OneofDef Def { get; }
    public List<FieldModel> Members { get; } = new();
    /// <summary>The <c>XxxOneofCase</c> enum type.</summary>
    public string EnumName { get; set; } = "";
    /// <summary>The <c>XxxCase</c> property.</summary>
    public string CaseProperty { get; set; } = "";
    public string ClearName { get; set; } = "";
    public string CaseBacking => "_" + CaseProperty;
}
