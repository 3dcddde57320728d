using System;

namespace Steward.Rpc.Schema;

/// <summary>A position in an IDL file; line and column are 1-based, as compilers print them.</summary>
public readonly struct SourceLocation : IEquatable<SourceLocation>
{
    public SourceLocation(string file, int line, int column)
    {
        File = file;
        Line = line;
        Column = column;
    }

    public string File { get; }
    public int Line { get; }
    public int Column { get; }

    public static SourceLocation None => new("", 0, 0);

    public bool Equals(SourceLocation other) => File == other.File && Line == other.Line && Column == other.Column;
    public override bool Equals(object? obj) => obj is SourceLocation other && Equals(other);
    public override int GetHashCode() => (File, Line, Column).GetHashCode();
    public static bool operator ==(SourceLocation left, SourceLocation right) => left.Equals(right);
    public static bool operator !=(SourceLocation left, SourceLocation right) => !left.Equals(right);

    public override string ToString() => $"{File}:{Line}:{Column}";
}
