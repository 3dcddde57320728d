using System.Collections.Generic;

namespace Steward.Rpc.Schema.OmgIdl;

/// <summary>What an <see cref="OmgIdlToken"/> is. The last three are markers the preprocessor puts in the stream.</summary>
internal enum OmgIdlTokenKind
{
    Identifier,
    Integer,
    Float,
    Char,
    String,
    Punct,
    /// <summary>The end of the input.</summary>
    End,
    /// <summary>A <c>#pragma prefix</c>, <c>version</c> or <c>ID</c> at this point of the stream: <see cref="OmgIdlToken.Text"/> names it.</summary>
    Pragma,
    /// <summary>The tokens that follow come from the file <see cref="OmgIdlToken.Text"/> (an include starts, or the root).</summary>
    FileEnter,
    /// <summary>The file entered by the matching <see cref="FileEnter"/> ends here.</summary>
    FileExit,
}

/// <summary>One token of preprocessed OMG IDL, with the file, line and column it comes from.</summary>
internal sealed class OmgIdlToken
{
    public OmgIdlToken(OmgIdlTokenKind kind, string text, SourceLocation location)
    {
        Kind = kind;
        Text = text;
        Location = location;
    }

    public OmgIdlTokenKind Kind { get; }
    /// <summary>The identifier (without its escaping underscore), the punctuation, the decoded string or character, or the pragma's name.</summary>
    public string Text { get; }
    public SourceLocation Location { get; set; }
    /// <summary>An identifier written with a leading underscore: never a keyword.</summary>
    public bool Escaped { get; set; }
    /// <summary>An integer literal's value, or a character literal's code.</summary>
    public ulong Integer { get; set; }
    /// <summary>A floating-point literal's value.</summary>
    public double Float { get; set; }
    /// <summary><c>L'x'</c> or <c>L"x"</c>.</summary>
    public bool Wide { get; set; }
    /// <summary>The first token on its line (a <c>#</c> there starts a directive).</summary>
    public bool AtLineStart { get; set; }
    /// <summary>A pragma's arguments (the name and the prefix, version or id); for <see cref="OmgIdlTokenKind.FileEnter"/> the include that opened the file, if any.</summary>
    public List<string> Arguments { get; } = new();

    public bool IsMeta => Kind == OmgIdlTokenKind.Pragma || Kind == OmgIdlTokenKind.FileEnter || Kind == OmgIdlTokenKind.FileExit;

    /// <summary>True for the punctuation or (unescaped) identifier <paramref name="text"/>.</summary>
    public bool Is(string text) =>
        (Kind == OmgIdlTokenKind.Punct || (Kind == OmgIdlTokenKind.Identifier && !Escaped)) && Text == text;

    public OmgIdlToken CopyAt(SourceLocation location) => new(Kind, Text, location)
    {
        Escaped = Escaped,
        Integer = Integer,
        Float = Float,
        Wide = Wide,
    };

    public override string ToString() => Kind switch
    {
        OmgIdlTokenKind.End => "end of file",
        OmgIdlTokenKind.String => "\"" + Text + "\"",
        OmgIdlTokenKind.Char => "'" + Text + "'",
        _ => "'" + (Escaped ? "_" : "") + Text + "'",
    };
}
