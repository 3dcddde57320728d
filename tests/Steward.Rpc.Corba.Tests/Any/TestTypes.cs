namespace Steward.Rpc.Corba.Tests.Any;

/// <summary>The TypeCodes of Any/Peer/AnyPeer.idl (the contract's types) built with Steward's factories, and the anys anypeer makes.</summary>
internal static class TestTypes
{
    public static readonly TypeCode Color = TypeCode.CreateEnum("IDL:Test/Color:1.0", "Color", "Red", "Green", "Blue");
    public static readonly TypeCode Point = TypeCode.CreateStruct("IDL:Test/Point:1.0", "Point", ("x", TypeCode.Long), ("y", TypeCode.Long));
    public static readonly TypeCode LongSeq = TypeCode.CreateAlias("IDL:Test/LongSeq:1.0", "LongSeq", TypeCode.CreateSequence(TypeCode.Long));
    public static readonly TypeCode PointSeq = TypeCode.CreateAlias("IDL:Test/PointSeq:1.0", "PointSeq", TypeCode.CreateSequence(Point));
    public static readonly TypeCode LongArray = TypeCode.CreateAlias("IDL:Test/LongArray:1.0", "LongArray", TypeCode.CreateArray(TypeCode.Long, 4));
    public static readonly TypeCode Value = TypeCode.CreateUnion("IDL:Test/Value:1.0", "Value", TypeCode.Long, 3,
        (1, "l", TypeCode.Long), (2, "s", TypeCode.String), (3, "p", Point), (null, "b", TypeCode.Boolean));
    public static readonly TypeCode Rich = TypeCode.CreateStruct("IDL:Test/Rich:1.0", "Rich",
        ("b", TypeCode.Boolean), ("o", TypeCode.Octet), ("s", TypeCode.Short), ("us", TypeCode.UShort), ("l", TypeCode.Long), ("ul", TypeCode.ULong),
        ("ll", TypeCode.LongLong), ("ull", TypeCode.ULongLong), ("f", TypeCode.Float), ("d", TypeCode.Double), ("c", TypeCode.Char),
        ("str", TypeCode.String), ("col", Color), ("p", Point));

    /// <summary>What anypeer's <c>make(name)</c> puts in its any.</summary>
    public static CorbaAny Make(string name) => name switch
    {
        "long" => CorbaAny.FromLong(-123456),
        "string" => CorbaAny.FromString("hello any"),
        "point" => CorbaAny.FromStruct(Point, 3, -4),
        "longseq" => CorbaAny.FromArray(LongSeq, new[] { 1, -2, 300000 }),
        "color" => CorbaAny.FromEnum(Color, 2),
        "union" => new CorbaAny(Value, new CorbaUnionValue(Value, 2, "text")),
        "unionp" => new CorbaAny(Value, new CorbaUnionValue(Value, 3, new CorbaStructValue(Point, 5, 6))),
        "nested" => CorbaAny.FromAny(CorbaAny.FromDouble(2.5)),
        "pointseq" => CorbaAny.FromArray(PointSeq, new object?[] { new CorbaStructValue(Point, 1, 2), new CorbaStructValue(Point, 3, 4) }),
        "array" => CorbaAny.FromArray(LongArray, new[] { 9, 8, 7, 6 }),
        "typecode" => CorbaAny.FromTypeCode(Rich),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static readonly string[] Names = ["long", "string", "point", "longseq", "color", "union", "unionp", "nested", "pointseq", "array", "typecode"];

    public static byte[] Encode(CorbaAny any, bool littleEndian = true)
    {
        var output = new CdrOutputStream(GiopVersion.V1_2, CodeSets.Native, littleEndian: littleEndian);
        CorbaAny.Write(output, any);
        return output.ToArray();
    }

    public static CorbaAny Decode(byte[] bytes, bool littleEndian = true, CdrLimits? limits = null)
    {
        var input = new CdrInputStream(bytes, littleEndian, GiopVersion.V1_2, CodeSets.Native, limits);
        var any = CorbaAny.Read(input);
        Assert.Equal(0, input.Remaining);
        return any;
    }
}
