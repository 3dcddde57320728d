using System.Text;

namespace Steward.Rpc.CodeGen;

/// <summary>An indenting text builder for generated C#.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
            _text.Append(line);
        }
        _text.Append('\n');
        return this;
    }

    public CodeWriter Open(string header)
    {
        if (header.Length > 0)
        {
            Line(header);
        }
        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    public void Indent() => _indent++;
    public void Outdent() => _indent--;

    /// <summary>Emits IDL comments as an XML doc summary.</summary>
    public CodeWriter Doc(string? documentation)
    {
        if (string.IsNullOrWhiteSpace(documentation))
        {
            return this;
        }
        Line("/// <summary>");
        foreach (var raw in documentation!.Replace("\r", "").Trim('\n').Split('\n'))
        {
            var line = raw.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
            Line(("/// " + line).TrimEnd());
        }
        Line("/// </summary>");
        return this;
    }

    public override string ToString() => _text.ToString();
}
