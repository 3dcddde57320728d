using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema.OmgIdl;

/// <summary>
/// OMG IDL front-end pipeline: the preprocessor (includes, macros, conditionals, pragmas) and the
/// parser, which resolves names as IDL requires (declared before use) and fills the shared schema
/// model, then the checker. <c>#include "x.idl"</c> is looked up next to the including file first,
/// then under the include roots of the <see cref="IFileSource"/>; <c>#include &lt;x.idl&gt;</c> only
/// under the roots. Each root file is preprocessed on its own, as omniidl compiles one file at a time;
/// a file that several roots include is defined once.
/// </summary>
public static class OmgIdlCompiler
{
    /// <summary>More files than this in one run is a runaway (or hostile) include graph.</summary>
    public const int MaxFiles = 1000;

    /// <summary>Far beyond any real IDL file; keeps an in-memory source from feeding the lexer gigabytes.</summary>
    public const int MaxFileChars = 16 * 1024 * 1024;

    /// <summary>Compiles the .idl files <paramref name="rootFiles"/> and their includes into a new set; problems are in <see cref="SchemaSet.Diagnostics"/>, never thrown.</summary>
    public static SchemaSet Compile(IEnumerable<string> rootFiles, IFileSource source)
    {
        var set = new SchemaSet();
        CompileInto(set, rootFiles, source);
        return set;
    }

    /// <summary>Adds the IDL files (and their includes) to a set that may already hold other IDLs' files.</summary>
    public static void CompileInto(SchemaSet set, IEnumerable<string> rootFiles, IFileSource source)
    {
        if (set is null)
        {
            throw new ArgumentNullException(nameof(set));
        }
        if (rootFiles is null)
        {
            throw new ArgumentNullException(nameof(rootFiles));
        }
        try
        {
            var session = new OmgIdlSession(set.Diagnostics);
            foreach (var root in rootFiles)
            {
                if (!source.TryResolve(root, null, out var canonical, out var text))
                {
                    set.Diagnostics.Error(OmgIdlDiagnostics.FileNotFound, $"File not found: \"{root}\".", new SourceLocation(root, 0, 0));
                    continue;
                }
                if (session.CompletedBefore.Contains(canonical))
                {
                    // Named twice, or already included by an earlier root: its definitions are in the set.
                    if (session.Files.TryGetValue(canonical, out var again) && !set.RootFiles.Contains(again))
                    {
                        set.RootFiles.Add(again);
                    }
                    continue;
                }
                if (text.Length > MaxFileChars)
                {
                    set.Diagnostics.Error(OmgIdlDiagnostics.LimitExceeded,
                        $"File is {text.Length} characters long; the limit is {MaxFileChars}.", new SourceLocation(canonical, 1, 1));
                    text = "";
                }
                var tokens = new OmgIdlPreprocessor(source, set.Diagnostics).Run(canonical, text);
                new OmgIdlParser(tokens, set, session).Parse();
                session.CompletedBefore.UnionWith(session.Completed);
                session.Completed.Clear();
            }
            new OmgIdlChecker(set, session).Check();
        }
        catch (Exception ex)
        {
            // Bad input must never escape as an exception; a bug here is reported, not thrown.
            set.Diagnostics.Error(OmgIdlDiagnostics.InternalError,
                $"Internal error in the OMG IDL compiler ({ex.GetType().Name}: {ex.Message}). Please report it with the input file.",
                SourceLocation.None);
        }
    }

    /// <summary><c>a/b/../c.idl</c> → <c>a/c.idl</c>; leading <c>..</c> that cannot be collapsed stay.</summary>
    internal static string NormalizePath(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }
            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        var joined = string.Join("/", parts);
        return path.StartsWith("/", StringComparison.Ordinal) ? "/" + joined : joined;
    }
}

/// <summary>What the roots of one compilation share: the symbol table and the files already read.</summary>
internal sealed class OmgIdlSession
{
    public OmgIdlSession(DiagnosticBag diagnostics)
    {
        Linker = new OmgIdlLinker(diagnostics);
    }

    public OmgIdlLinker Linker { get; }
    /// <summary>Every file met, by canonical path.</summary>
    public Dictionary<string, SchemaFile> Files { get; } = new(StringComparer.Ordinal);
    /// <summary>Files finished while reading the current root.</summary>
    public HashSet<string> Completed { get; } = new(StringComparer.Ordinal);
    /// <summary>Files finished by earlier roots: read again (for their macros), their definitions are not redefined.</summary>
    public HashSet<string> CompletedBefore { get; } = new(StringComparer.Ordinal);
}
