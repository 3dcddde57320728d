using System.Collections.Generic;
using System.Text;

namespace Steward.Rpc.CodeGen;

/// <summary>proto names → C# names, following protoc's C# plugin so the two read alike.</summary>
internal static class Naming
{
    private static readonly HashSet<string> Keywords = new()
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>Escapes a C# keyword with <c>@</c>.</summary>
    public static string Escape(string identifier) => Keywords.Contains(identifier) ? "@" + identifier : identifier;

    /// <summary>
    /// <c>foo_bar2baz</c> → <c>FooBar2Baz</c>: a letter after an underscore or a digit is capitalised,
    /// underscores are dropped, existing capitals are kept.
    /// </summary>
    public static string ToPascalCase(string name)
    {
        var result = new StringBuilder(name.Length);
        var capitalizeNext = true;
        foreach (var c in name)
        {
            if (c == '_')
            {
                capitalizeNext = true;
            }
            else if (char.IsDigit(c))
            {
                result.Append(c);
                capitalizeNext = true;
            }
            else if (capitalizeNext)
            {
                result.Append(char.ToUpperInvariant(c));
                capitalizeNext = false;
            }
            else
            {
                result.Append(c);
            }
        }
        return ValidIdentifier(result.ToString());
    }

    /// <summary><c>FOO_BAR</c> → <c>FooBar</c> (enum values).</summary>
    public static string ShoutyToPascalCase(string name)
    {
        var result = new StringBuilder(name.Length);
        var previous = '_';
        foreach (var c in name)
        {
            if (c == '_')
            {
                previous = c;
                continue;
            }
            if (!char.IsLetterOrDigit(previous))
            {
                result.Append(char.ToUpperInvariant(c));
            }
            else if (char.IsDigit(previous))
            {
                result.Append(char.ToUpperInvariant(c));
            }
            else if (char.IsLower(previous))
            {
                result.Append(c);
            }
            else
            {
                result.Append(char.ToLowerInvariant(c));
            }
            previous = c;
        }
        return ValidIdentifier(result.ToString());
    }

    /// <summary>
    /// Strips the enum's name from the front of a value name, ignoring case and underscores
    /// (<c>Color</c> + <c>COLOR_RED</c> → <c>RED</c>); keeps the name when nothing would be left.
    /// </summary>
    public static string StripEnumPrefix(string enumName, string valueName)
    {
        var prefix = enumName.Replace("_", "").ToLowerInvariant();
        var i = 0;
        var p = 0;
        while (i < valueName.Length && p < prefix.Length)
        {
            if (valueName[i] == '_')
            {
                i++;
                continue;
            }
            if (char.ToLowerInvariant(valueName[i]) != prefix[p])
            {
                return valueName;
            }
            i++;
            p++;
        }
        if (p < prefix.Length)
        {
            return valueName;
        }
        while (i < valueName.Length && valueName[i] == '_')
        {
            i++;
        }
        return i == valueName.Length ? valueName : valueName.Substring(i);
    }

    private static string ValidIdentifier(string name)
    {
        if (name.Length == 0)
        {
            return "_";
        }
        return char.IsDigit(name[0]) ? "_" + name : name;
    }

    /// <summary>A C# namespace from a proto package: each segment PascalCased.</summary>
    public static string NamespaceFromPackage(string package)
    {
        if (string.IsNullOrEmpty(package))
        {
            return "";
        }
        var parts = package.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Escape(ToPascalCase(parts[i]));
        }
        return string.Join(".", parts);
    }

    /// <summary>A C# string literal.</summary>
    public static string Literal(string text)
    {
        var result = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': result.Append("\\\""); break;
                case '\\': result.Append("\\\\"); break;
                case '\n': result.Append("\\n"); break;
                case '\r': result.Append("\\r"); break;
                case '\t': result.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        result.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        result.Append(c);
                    }
                    break;
            }
        }
        return result.Append('"').ToString();
    }
}

/// <summary>Hands out member names within one C# type, renaming (<c>Name_</c>, <c>Name__</c>) on collision.</summary>
internal sealed class MemberNames
{
    private readonly HashSet<string> _taken = new();

    public MemberNames(IEnumerable<string> reserved)
    {
        foreach (var name in reserved)
        {
            _taken.Add(name);
        }
    }

    public string Claim(string wanted)
    {
        var name = wanted;
        while (!_taken.Add(name))
        {
            name += "_";
        }
        return name;
    }
}
