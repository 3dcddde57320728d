using System;

namespace Steward.Rpc.Schema;

/// <summary>A position in an IDL file; line and column are 1-based, as compilers print them.</summary>
public readonly struct SourceLocation : IEquatable<SourceLocation>
{
    /// <summary>A position in <paramref name="file"/>; a line of 0 means the file as a whole.</summary>
    public SourceLocation(string file, int line, int column)
    {
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>The file's path as the compilation knows it (relative to its import root when it had one).</summary>
    public string File { get; }
    /// <summary>The 1-based line, or 0 when the location is the whole file.</summary>
    public int Line { get; }
    /// <summary>The 1-based column.</summary>
    public int Column { get; }

    /// <summary>No location: for problems that belong to no file.</summary>
    public static SourceLocation None => new("", 0, 0);

    /// <summary>True when file, line and column are the same.</summary>
    public bool Equals(SourceLocation other) => File == other.File && Line == other.Line && Column == other.Column;
    /// <summary>True when <paramref name="obj"/> is an equal <see cref="SourceLocation"/>.</summary>
    public override bool Equals(object? obj) => obj is SourceLocation other && Equals(other);
    /// <summary>A hash of file, line and column.</summary>
    public override int GetHashCode() => (File, Line, Column).GetHashCode();
    /// <summary>True when file, line and column are the same.</summary>
    public static bool operator ==(SourceLocation left, SourceLocation right) => left.Equals(right);
    /// <summary>True unless file, line and column are the same.</summary>
    public static bool operator !=(SourceLocation left, SourceLocation right) => !left.Equals(right);

    /// <c>file:line:column</c>, as compilers print positions.
    public override string ToString() => $"{File}:{Line}:{Column}";
}
