using System.Collections.Generic;

namespace Steward.Rpc.Schema;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Information only.</summary>
    Info,
    /// <summary>Suspicious but accepted; code is still generated.</summary>
    Warning,
    /// <summary>The input is invalid; no code is generated.</summary>
    Error,
}

/// <summary>
/// One problem found in an IDL file. <see cref="Code"/> is stable (e.g. <c>STW1001</c>) so the
/// Roslyn generator can surface it as a build diagnostic with the same id.
/// </summary>
public sealed class Diagnostic
{
    /// <summary>A problem of <paramref name="severity"/> with its stable code, message and location.</summary>
    public Diagnostic(DiagnosticSeverity severity, string code, string message, SourceLocation location)
    {
        Severity = severity;
        Code = code;
        Message = message;
        Location = location;
    }

    /// <summary>How serious the problem is.</summary>
    public DiagnosticSeverity Severity { get; }
    /// <summary>The stable id, such as <c>STW1030</c>.</summary>
    public string Code { get; }
    /// <summary>One sentence saying what is wrong, in protoc's wording where protoc has one.</summary>
    public string Message { get; }
    /// <summary>Where the problem is.</summary>
    public SourceLocation Location { get; }

    /// <c>file:line:col: severity CODE: message</c>.
    public override string ToString() =>
        $"{Location}: {Severity.ToString().ToLowerInvariant()} {Code}: {Message}";
}

/// <summary>Collects diagnostics; front-ends keep going after an error so every error is reported.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();

    /// <summary>Every diagnostic in the order reported.</summary>
    public IReadOnlyList<Diagnostic> Items => _items;
    /// <summary>True once any <see cref="DiagnosticSeverity.Error"/> has been added.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>Records <paramref name="diagnostic"/>.</summary>
    public void Add(Diagnostic diagnostic)
    {
        _items.Add(diagnostic);
        if (diagnostic.Severity == DiagnosticSeverity.Error)
        {
            HasErrors = true;
        }
    }

    /// <summary>Records an error.</summary>
    public void Error(string code, string message, SourceLocation location) =>
        Add(new Diagnostic(DiagnosticSeverity.Error, code, message, location));

    /// <summary>Records a warning.</summary>
    public void Warning(string code, string message, SourceLocation location) =>
        Add(new Diagnostic(DiagnosticSeverity.Warning, code, message, location));
}
