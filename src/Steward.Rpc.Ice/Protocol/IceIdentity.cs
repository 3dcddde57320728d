using System.Globalization;
using System.Text;

namespace Steward.Rpc.Ice;

/// <summary>An Ice object identity: a name and an optional category; written on the wire as two strings.</summary>
public readonly record struct IceIdentity(string Name, string Category = "")
{
    /// <summary>Writes the identity (name, then category).</summary>
    public void Write(IceOutputStream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteString(Name);
        output.WriteString(Category);
    }

    /// <summary>Reads an identity (name, then category).</summary>
    public static IceIdentity Read(IceInputStream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var name = input.ReadString();
        var category = input.ReadString();
        return new IceIdentity(name, category);
    }

    /// <summary>The stringified form, <c>category/name</c> (or <c>name</c>), with <c>/</c>, <c>\</c> and control characters escaped as Ice does.</summary>
    public override string ToString() =>
        Category.Length == 0 ? Escape(Name, "/") : Escape(Category, "/") + "/" + Escape(Name, "/");

    /// <summary>Parses <c>name</c> or <c>category/name</c>, undoing backslash escapes; an empty name is an error.</summary>
    public static IceIdentity Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '/')
            {
                if (slash >= 0)
                {
                    throw new FormatException($"Identity '{text}' has more than one unescaped '/'.");
                }
                slash = i;
            }
        }
        var identity = slash < 0
            ? new IceIdentity(Unescape(text), "")
            : new IceIdentity(Unescape(text[(slash + 1)..]), Unescape(text[..slash]));
        if (identity.Name.Length == 0)
        {
            throw new FormatException($"Identity '{text}' has an empty name.");
        }
        return identity;
    }

    /// <summary>Escapes <paramref name="special"/>, the backslash and non-printable characters the way Ice's stringified proxies do.</summary>
    internal static string Escape(string value, string special)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            string? escaped = c switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                '"' => "\\\"",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when special.Contains(c, StringComparison.Ordinal) => "\\" + c,
                _ when c < 32 || c == 127 => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => null,
            };
            if (escaped is null)
            {
                builder?.Append(c);
                continue;
            }
            builder ??= new StringBuilder(value, 0, i, value.Length + 8);
            builder.Append(escaped);
        }
        return builder?.ToString() ?? value;
    }

    internal static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            if (++i == value.Length)
            {
                throw new FormatException($"'{value}' ends with a lone backslash.");
            }
            c = value[i];
            switch (c)
            {
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u' or 'U':
                    var digits = c == 'u' ? 4 : 8;
                    if (i + digits > value.Length - 1
                        || !int.TryParse(value.AsSpan(i + 1, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                        || !Rune.IsValid(code))
                    {
                        throw new FormatException($"'{value}' has a bad \\{c} escape.");
                    }
                    builder.Append(char.ConvertFromUtf32(code));
                    i += digits;
                    break;
                default: builder.Append(c); break;
            }
        }
        return builder.ToString();
    }
}
