using System.Text;

namespace Steward.Rpc.Schema.Protobuf;

/// <summary>The names protoc derives from field names.</summary>
public static class JsonNames
{
    /// <summary>
    /// protoc's default JSON name: underscores are dropped and the letter after each one is
    /// upper-cased; nothing else changes (<c>foo_bar</c> → <c>fooBar</c>, <c>_foo</c> → <c>Foo</c>, <c>FOO</c> stays).
    /// </summary>
    public static string ToJsonName(string fieldName)
    {
        var sb = new StringBuilder(fieldName.Length);
        var upperNext = false;
        foreach (var c in fieldName)
        {
            if (c == '_')
            {
                upperNext = true;
            }
            else if (upperNext)
            {
                sb.Append(c >= 'a' && c <= 'z' ? (char)(c - 32) : c);
                upperNext = false;
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>The synthetic map entry message's name: <c>my_map</c> → <c>MyMapEntry</c>.</summary>
    public static string MapEntryName(string fieldName)
    {
        var sb = new StringBuilder(fieldName.Length + 5);
        var upperNext = true;
        foreach (var c in fieldName)
        {
            if (c == '_')
            {
                upperNext = true;
            }
            else if (upperNext)
            {
                sb.Append(c >= 'a' && c <= 'z' ? (char)(c - 32) : c);
                upperNext = false;
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.Append("Entry").ToString();
    }
}
