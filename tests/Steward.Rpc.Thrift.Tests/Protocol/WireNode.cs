using System.Globalization;
using System.Text;

namespace Steward.Rpc.Thrift.Tests.Protocol;

/// <summary>What a value is as the tests see it: its Thrift type, plus string versus binary (same wire type, different JSON).</summary>
public enum WireKind { Bool, Byte, I16, I32, I64, Double, String, Binary, Uuid, Struct, List, Set, Map }

/// <summary>
/// A Thrift value tree the tests write through a protocol (ours or Apache's) and read back by the same
/// shape, so both libraries can be compared value for value and byte for byte.
/// </summary>
public sealed class WireNode
{
    public required WireKind Kind { get; init; }
    public object? Scalar { get; init; }
    public List<(short Id, WireNode Value)> Fields { get; init; } = [];
    public WireKind ElementKind { get; init; }
    public WireKind ValueKind { get; init; }
    public List<WireNode> Elements { get; init; } = [];
    public List<(WireNode Key, WireNode Value)> Entries { get; init; } = [];

    public ThriftType Type => TypeOf(Kind);

    public static ThriftType TypeOf(WireKind kind) => kind switch
    {
        WireKind.Bool => ThriftType.Bool,
        WireKind.Byte => ThriftType.Byte,
        WireKind.I16 => ThriftType.I16,
        WireKind.I32 => ThriftType.I32,
        WireKind.I64 => ThriftType.I64,
        WireKind.Double => ThriftType.Double,
        WireKind.String or WireKind.Binary => ThriftType.String,
        WireKind.Uuid => ThriftType.Uuid,
        WireKind.Struct => ThriftType.Struct,
        WireKind.List => ThriftType.List,
        WireKind.Set => ThriftType.Set,
        _ => ThriftType.Map,
    };

    public static WireNode Of(bool v) => new() { Kind = WireKind.Bool, Scalar = v };
    public static WireNode Of(sbyte v) => new() { Kind = WireKind.Byte, Scalar = v };
    public static WireNode Of(short v) => new() { Kind = WireKind.I16, Scalar = v };
    public static WireNode Of(int v) => new() { Kind = WireKind.I32, Scalar = v };
    public static WireNode Of(long v) => new() { Kind = WireKind.I64, Scalar = v };
    public static WireNode Of(double v) => new() { Kind = WireKind.Double, Scalar = v };
    public static WireNode Of(string v) => new() { Kind = WireKind.String, Scalar = v };
    public static WireNode Of(byte[] v) => new() { Kind = WireKind.Binary, Scalar = v };
    public static WireNode Of(Guid v) => new() { Kind = WireKind.Uuid, Scalar = v };
    public static WireNode Struct(params (short Id, WireNode Value)[] fields) => new() { Kind = WireKind.Struct, Fields = [.. fields] };
    public static WireNode List(WireKind element, params WireNode[] items) => new() { Kind = WireKind.List, ElementKind = element, Elements = [.. items] };
    public static WireNode Set(WireKind element, params WireNode[] items) => new() { Kind = WireKind.Set, ElementKind = element, Elements = [.. items] };
    public static WireNode Map(WireKind key, WireKind value, params (WireNode, WireNode)[] entries) => new() { Kind = WireKind.Map, ElementKind = key, ValueKind = value, Entries = [.. entries] };

    /// <summary>A canonical text: doubles by their bits (NaN included), binaries in hex.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Describe(sb);
        return sb.ToString();
    }

    private void Describe(StringBuilder sb)
    {
        switch (Kind)
        {
            case WireKind.Double:
                sb.Append("dbl:").Append(BitConverter.DoubleToInt64Bits((double)Scalar!).ToString("x16", CultureInfo.InvariantCulture));
                break;
            case WireKind.Binary:
                sb.Append("bin:").Append(Convert.ToHexString((byte[])Scalar!));
                break;
            case WireKind.String:
                sb.Append("str:\"").Append((string)Scalar!).Append('"');
                break;
            case WireKind.Struct:
                sb.Append('{');
                foreach (var (id, value) in Fields)
                {
                    sb.Append(id).Append('=');
                    value.Describe(sb);
                    sb.Append(';');
                }
                sb.Append('}');
                break;
            case WireKind.List:
            case WireKind.Set:
                sb.Append(Kind).Append('<').Append(ElementKind).Append(">[");
                foreach (var e in Elements)
                {
                    e.Describe(sb);
                    sb.Append(',');
                }
                sb.Append(']');
                break;
            case WireKind.Map:
                sb.Append("map<").Append(ElementKind).Append(',').Append(ValueKind).Append(">[");
                foreach (var (k, v) in Entries)
                {
                    k.Describe(sb);
                    sb.Append("=>");
                    v.Describe(sb);
                    sb.Append(',');
                }
                sb.Append(']');
                break;
            default:
                sb.Append(Kind).Append(':').Append(Convert.ToString(Scalar, CultureInfo.InvariantCulture));
                break;
        }
    }
}

/// <summary>A whole message: header plus body struct.</summary>
public sealed record WireMessage(string Name, ThriftMessageType Type, int SequenceId, WireNode Body)
{
    public override string ToString() => $"{Type} {Name}#{SequenceId} {Body}";
}
