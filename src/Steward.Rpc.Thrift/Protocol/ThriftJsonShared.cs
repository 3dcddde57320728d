namespace Steward.Rpc.Thrift;

/// <summary>TJSONProtocol's type names.</summary>
internal static class ThriftJsonNames
{
    public static ReadOnlySpan<byte> Of(ThriftType type) => type switch
    {
        ThriftType.Bool => "tf"u8,
        ThriftType.Byte => "i8"u8,
        ThriftType.I16 => "i16"u8,
        ThriftType.I32 => "i32"u8,
        ThriftType.I64 => "i64"u8,
        ThriftType.Double => "dbl"u8,
        ThriftType.String => "str"u8,
        ThriftType.Struct => "rec"u8,
        ThriftType.Map => "map"u8,
        ThriftType.Set => "set"u8,
        ThriftType.List => "lst"u8,
        ThriftType.Uuid => "uid"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a value type."),
    };

    /// <summary>The type a name stands for; <see cref="ThriftType.Stop"/> when it is none of them.</summary>
    public static ThriftType Parse(ReadOnlySpan<byte> name)
    {
        for (var type = ThriftType.Bool; type <= ThriftType.Uuid; type++)
        {
            if (type is not (ThriftType.Void or (ThriftType)5 or (ThriftType)7 or (ThriftType)9) && name.SequenceEqual(Of(type)))
            {
                return type;
            }
        }
        return ThriftType.Stop;
    }
}

/// <summary>
/// TJSONProtocol's nesting contexts: the top level, a list (comma between values) and an object (colon
/// after a key, comma after a value; numbers in key position are quoted). Shared by writer and reader.
/// </summary>
internal sealed class JsonContexts
{
    public const byte Base = 0;
    public const byte List = 1;
    public const byte Pair = 2;

    private byte[] _kinds = new byte[16];
    private bool[] _first = new bool[16];
    private bool[] _colon = new bool[16];
    private int _top;

    public void Reset()
    {
        _top = 0;
        _kinds[0] = Base;
    }

    public int Depth => _top;

    public void Push(byte kind)
    {
        if (++_top == _kinds.Length)
        {
            Array.Resize(ref _kinds, _top * 2);
            Array.Resize(ref _first, _top * 2);
            Array.Resize(ref _colon, _top * 2);
        }
        _kinds[_top] = kind;
        _first[_top] = true;
        _colon[_top] = false;
    }

    public void Pop()
    {
        if (_top > 0)
        {
            _top--;
        }
    }

    /// <summary>Advances the context for the next value; the delimiter byte to write or expect before it, 0 for none.</summary>
    public byte NextWrite()
    {
        var top = _top;
        switch (_kinds[top])
        {
            case List:
                if (_first[top])
                {
                    _first[top] = false;
                    return 0;
                }
                return (byte)',';
            case Pair:
                if (_first[top])
                {
                    _first[top] = false;
                    _colon[top] = true;
                    return 0;
                }
                var delimiter = _colon[top] ? (byte)':' : (byte)',';
                _colon[top] = !_colon[top];
                return delimiter;
            default:
                return 0;
        }
    }

    /// <summary>True in an object's key position, where numbers are quoted.</summary>
    public bool EscapeNumbers => _kinds[_top] == Pair && _colon[_top];
}
