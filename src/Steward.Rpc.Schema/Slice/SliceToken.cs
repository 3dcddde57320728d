namespace Steward.Rpc.Schema.Slice;

internal enum SliceTokenKind
{
    Identifier,
    Keyword,
    Integer,
    Float,
    String,
    Symbol,
    End,
}

/// <summary>One Slice token. Scoped names (<c>::A::B</c>) are one identifier token, as in slice2*'s scanner.</summary>
internal sealed class SliceToken
{
    public SliceToken(SliceTokenKind kind, string text, int line, int column)
    {
        Kind = kind;
        Text = text;
        Line = line;
        Column = column;
    }

    public SliceTokenKind Kind { get; }
    /// <summary>The identifier (without its <c>\</c> escape), the symbol, or the decoded string.</summary>
    public string Text { get; }
    public int Line { get; }
    public int Column { get; }
    /// <summary>An identifier written with a leading <c>\</c>: never a keyword.</summary>
    public bool Escaped { get; set; }
    /// <summary>An integer literal's value (the parser applies a leading minus).</summary>
    public ulong Integer { get; set; }
    /// <summary>A floating-point literal's value.</summary>
    public double Float { get; set; }
    /// <summary>The <c>/** */</c> or <c>///</c> comment right before the token, without markers; null when none.</summary>
    public string? Documentation { get; set; }

    public bool Is(string symbol) => (Kind == SliceTokenKind.Symbol || Kind == SliceTokenKind.Keyword) && Text == symbol;

    public override string ToString() => Kind switch
    {
        SliceTokenKind.End => "end of file",
        SliceTokenKind.String => "\"" + Text + "\"",
        _ => "`" + Text + "'",
    };
}

/// <summary>An <c>#include</c> as written: the path and whether it used angle brackets (import roots only).</summary>
internal sealed class SliceInclude
{
    public SliceInclude(string path, bool angled, SourceLocation location)
    {
        Path = path;
        Angled = angled;
        Location = location;
    }

    public string Path { get; }
    public bool Angled { get; }
    public SourceLocation Location { get; }
}
