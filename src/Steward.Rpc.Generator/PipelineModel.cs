using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Steward.Rpc.Generator;

// Values flowing through the incremental pipeline. Each has value equality, so an edit that
// leaves them unchanged does not regenerate anything.

internal sealed class IdlInput : IEquatable<IdlInput>
{
    public IdlInput(string path, string text, bool generate, string? ns, string services, bool isInternal, bool thrift = false, bool ice = false, bool corba = false)
    {
        Path = path;
        Text = text;
        Generate = generate;
        Namespace = ns;
        Services = services;
        Internal = isInternal;
        Thrift = thrift;
        Ice = ice;
        Corba = corba;
    }

    public string Path { get; }
    public string Text { get; }
    public bool Generate { get; }
    public string? Namespace { get; }
    public string Services { get; }
    public bool Internal { get; }
    /// <summary>Thrift="true": messages and unary methods also get Thrift codecs.</summary>
    public bool Thrift { get; }
    /// <summary>Ice="true": messages and unary methods also get Ice codecs.</summary>
    public bool Ice { get; }
    /// <summary>Corba="true": messages and unary methods also get CORBA codecs.</summary>
    public bool Corba { get; }

    public bool Equals(IdlInput? other) =>
        other is not null && Path == other.Path && Text == other.Text && Generate == other.Generate &&
        Namespace == other.Namespace && Services == other.Services && Internal == other.Internal && Thrift == other.Thrift && Ice == other.Ice && Corba == other.Corba;

    public override bool Equals(object? obj) => Equals(obj as IdlInput);
    public override int GetHashCode() => (Path, Text.Length, Generate, Namespace, Services, Internal, Thrift, Ice, Corba).GetHashCode();
}

internal sealed class GeneratorSettings : IEquatable<GeneratorSettings>
{
    public GeneratorSettings(string projectDirectory, string importPaths, bool wellKnownTypes)
    {
        ProjectDirectory = projectDirectory;
        ImportPaths = importPaths;
        WellKnownTypes = wellKnownTypes;
    }

    public string ProjectDirectory { get; }
    public string ImportPaths { get; }
    public bool WellKnownTypes { get; }

    public bool Equals(GeneratorSettings? other) =>
        other is not null && ProjectDirectory == other.ProjectDirectory && ImportPaths == other.ImportPaths && WellKnownTypes == other.WellKnownTypes;

    public override bool Equals(object? obj) => Equals(obj as GeneratorSettings);
    public override int GetHashCode() => (ProjectDirectory, ImportPaths, WellKnownTypes).GetHashCode();
}

internal sealed class GeneratedSource : IEquatable<GeneratedSource>
{
    public GeneratedSource(string hintName, string content)
    {
        HintName = hintName;
        Content = content;
    }

    public string HintName { get; }
    public string Content { get; }

    public bool Equals(GeneratedSource? other) => other is not null && HintName == other.HintName && Content == other.Content;
    public override bool Equals(object? obj) => Equals(obj as GeneratedSource);
    public override int GetHashCode() => (HintName, Content.Length).GetHashCode();
}

/// <summary>An IDL diagnostic mapped to the .proto file's path, line and column.</summary>
internal sealed class DiagnosticInfo : IEquatable<DiagnosticInfo>
{
    public DiagnosticInfo(string code, string message, DiagnosticSeverity severity, string? path, int line, int column)
    {
        Code = code;
        Message = message;
        Severity = severity;
        Path = path;
        Line = line;
        Column = column;
    }

    public string Code { get; }
    public string Message { get; }
    public DiagnosticSeverity Severity { get; }
    public string? Path { get; }
    public int Line { get; }
    public int Column { get; }

    public Diagnostic ToRoslyn()
    {
        var descriptor = new DiagnosticDescriptor(
            Code,
            "Steward IDL",
            "{0}",
            "StewardIdl",
            Severity,
            isEnabledByDefault: true);
        var location = Path is null
            ? Location.None
            : Location.Create(
                Path,
                new TextSpan(0, 0),
                new LinePositionSpan(
                    new LinePosition(Math.Max(0, Line - 1), Math.Max(0, Column - 1)),
                    new LinePosition(Math.Max(0, Line - 1), Math.Max(0, Column - 1))));
        return Diagnostic.Create(descriptor, location, Message);
    }

    public bool Equals(DiagnosticInfo? other) =>
        other is not null && Code == other.Code && Message == other.Message && Severity == other.Severity &&
        Path == other.Path && Line == other.Line && Column == other.Column;

    public override bool Equals(object? obj) => Equals(obj as DiagnosticInfo);
    public override int GetHashCode() => (Code, Message, Path, Line, Column).GetHashCode();
}

internal sealed class GenerationResult : IEquatable<GenerationResult>
{
    public GenerationResult(ImmutableArray<GeneratedSource> sources, ImmutableArray<DiagnosticInfo> diagnostics)
    {
        Sources = sources;
        Diagnostics = diagnostics;
    }

    public static GenerationResult Empty { get; } = new(ImmutableArray<GeneratedSource>.Empty, ImmutableArray<DiagnosticInfo>.Empty);

    public ImmutableArray<GeneratedSource> Sources { get; }
    public ImmutableArray<DiagnosticInfo> Diagnostics { get; }

    public bool Equals(GenerationResult? other)
    {
        if (other is null || Sources.Length != other.Sources.Length || Diagnostics.Length != other.Diagnostics.Length)
        {
            return false;
        }
        for (var i = 0; i < Sources.Length; i++)
        {
            if (!Sources[i].Equals(other.Sources[i]))
            {
                return false;
            }
        }
        for (var i = 0; i < Diagnostics.Length; i++)
        {
            if (!Diagnostics[i].Equals(other.Diagnostics[i]))
            {
                return false;
            }
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as GenerationResult);
    public override int GetHashCode() => (Sources.Length, Diagnostics.Length).GetHashCode();
}
