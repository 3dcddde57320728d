using System.Collections.Generic;

namespace Steward.Rpc.Schema;

public enum DiagnosticSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>
/// One problem found in an IDL file. <see cref="Code"/> is stable (e.g. <c>STW1001</c>) so the
/// Roslyn generator can surface it as a build diagnostic with the same id.
/// </summary>
public sealed class Diagnostic
{
    public Diagnostic(DiagnosticSeverity severity, string code, string message, SourceLocation location)
    {
        Severity = severity;
        Code = code;
        Message = message;
        Location = location;
    }

    public DiagnosticSeverity Severity { get; }
    public string Code { get; }
    public string Message { get; }
    public SourceLocation Location { get; }

    public override string ToString() =>
        $"{Location}: {Severity.ToString().ToLowerInvariant()} {Code}: {Message}";
}

/// <summary>Collects diagnostics; front-ends keep going after an error so every error is reported.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();

    public IReadOnlyList<Diagnostic> Items => _items;
    public bool HasErrors { get; private set; }

    public void Add(Diagnostic diagnostic)
    {
        _items.Add(diagnostic);
        if (diagnostic.Severity == DiagnosticSeverity.Error)
        {
            HasErrors = true;
        }
    }

    public void Error(string code, string message, SourceLocation location) =>
        Add(new Diagnostic(DiagnosticSeverity.Error, code, message, location));

    public void Warning(string code, string message, SourceLocation location) =>
        Add(new Diagnostic(DiagnosticSeverity.Warning, code, message, location));
}
