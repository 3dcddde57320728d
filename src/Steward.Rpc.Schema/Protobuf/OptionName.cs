using System.Collections.Generic;

namespace Steward.Rpc.Schema.Protobuf;

/// <summary>The parts of an option name as written, shared by the option checker and the descriptor encoder.</summary>
internal static class OptionName
{
    /// <summary>
    /// <c>(my.ext).field.sub</c> → <c>(my.ext, extension)</c>, <c>(field, field)</c>, <c>(sub, field)</c>:
    /// parenthesized parts name extensions, dotted plain parts name fields of the previous part's message.
    /// </summary>
    public static List<(string Name, bool IsExtension)> Split(string name)
    {
        var parts = new List<(string, bool)>();
        var i = 0;
        while (i < name.Length)
        {
            if (name[i] == '(')
            {
                var close = name.IndexOf(')', i);
                if (close < 0)
                {
                    close = name.Length;
                }
                parts.Add((name.Substring(i + 1, close - i - 1), true));
                i = close + 1;
            }
            else
            {
                var dot = name.IndexOf('.', i);
                var end = dot < 0 ? name.Length : dot;
                parts.Add((name.Substring(i, end - i), false));
                i = end;
            }
            if (i < name.Length && name[i] == '.')
            {
                i++;
            }
        }
        return parts;
    }
}
