using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema.Thrift;

/// <summary>
/// Thrift front-end: lexer, parser, include loader, linker and checks, into the same schema model
/// as proto. Includes are looked up next to the including file first, then through the include
/// paths the <see cref="IFileSource"/> knows (the Thrift compiler's <c>-I</c> order).
/// </summary>
public static class ThriftCompiler
{
    /// <summary>More files than this in one run is a runaway (or hostile) include graph.</summary>
    public const int MaxFiles = 1000;

    /// <summary>Far beyond any real IDL file; keeps an in-memory source from feeding the lexer gigabytes.</summary>
    public const int MaxFileChars = 16 * 1024 * 1024;

    /// <summary>Compiles the .thrift files <paramref name="rootFiles"/> and their includes into a new set; problems are in <see cref="SchemaSet.Diagnostics"/>, never thrown.</summary>
    public static SchemaSet Compile(IEnumerable<string> rootFiles, IFileSource source)
    {
        var set = new SchemaSet();
        CompileInto(set, rootFiles, source);
        return set;
    }

    /// <summary>Adds the Thrift files (and their includes) to a set that may already hold other IDLs' files.</summary>
    public static void CompileInto(SchemaSet set, IEnumerable<string> rootFiles, IFileSource source)
    {
        try
        {
            var loader = new Loader(set, source);
            foreach (var root in rootFiles)
            {
                loader.LoadRoot(root);
            }
            var linker = new ThriftLinker(set, loader.Loaded);
            linker.Link();
            new ThriftChecker(set, loader.Loaded).Check();
        }
        catch (Exception ex)
        {
            // Bad input must never escape as an exception; a bug here is reported, not thrown.
            set.Diagnostics.Error(ThriftDiagnostics.InternalError,
                $"Internal error in the Thrift compiler ({ex.GetType().Name}: {ex.Message}). Please report it with the input file.",
                SourceLocation.None);
        }
    }

    /// <summary>Parses a single file with no includes resolved (for tools that only need the syntax tree).</summary>
    public static SchemaFile ParseOnly(string path, string text, DiagnosticBag diagnostics) =>
        ThriftParser.Parse(path, text, diagnostics);

    /// <summary><c>a/b/../c.thrift</c> → <c>a/c.thrift</c>; leading <c>..</c> that cannot be collapsed stay.</summary>
    internal static string NormalizePath(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
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

    private sealed class Loader
    {
        private readonly SchemaSet _set;
        private readonly IFileSource _source;
        private readonly Dictionary<string, SchemaFile> _loaded = new(StringComparer.Ordinal);
        private readonly List<string> _stack = new();

        public Loader(SchemaSet set, IFileSource source)
        {
            _set = set;
            _source = source;
        }

        /// <summary>The Thrift files of this run, in load order (includes first).</summary>
        public List<SchemaFile> Loaded { get; } = new();

        public void LoadRoot(string path)
        {
            if (!_source.TryResolve(path, null, out var canonical, out var text))
            {
                _set.Diagnostics.Error(ThriftDiagnostics.FileNotFound, $"File not found: \"{path}\".", new SourceLocation(path, 0, 0));
                return;
            }
            var file = Load(canonical, text);
            if (!_set.RootFiles.Contains(file))
            {
                _set.RootFiles.Add(file);
            }
        }

        private SchemaFile Load(string canonical, string text)
        {
            if (_loaded.TryGetValue(canonical, out var existing))
            {
                return existing;
            }
            if (text.Length > MaxFileChars)
            {
                _set.Diagnostics.Error(ThriftDiagnostics.FileTooLarge,
                    $"File is {text.Length} characters long; the limit is {MaxFileChars}.", new SourceLocation(canonical, 1, 1));
                text = "";
            }
            var file = ThriftParser.Parse(canonical, text, _set.Diagnostics);
            _loaded[canonical] = file;
            _stack.Add(canonical);
            foreach (var include in file.Imports)
            {
                LoadInclude(file, include);
            }
            _stack.RemoveAt(_stack.Count - 1);
            _set.Files.Add(file);
            Loaded.Add(file);
            return file;
        }

        private void LoadInclude(SchemaFile file, ImportDef include)
        {
            if (_loaded.Count >= MaxFiles)
            {
                _set.Diagnostics.Error(ThriftDiagnostics.TooManyFiles, $"Too many files included (more than {MaxFiles}).", include.Location);
                return;
            }
            if (!TryResolve(include.Path, file.Path, out var canonical, out var text))
            {
                _set.Diagnostics.Error(ThriftDiagnostics.IncludeNotFound, $"Could not find include file \"{include.Path}\".", include.Location);
                return;
            }
            var onStack = _stack.IndexOf(canonical);
            if (onStack >= 0)
            {
                var chain = string.Join(" -> ", _stack.GetRange(onStack, _stack.Count - onStack)) + " -> " + canonical;
                _set.Diagnostics.Error(ThriftDiagnostics.IncludeCycle, $"File recursively includes itself: {chain}", include.Location);
                return;
            }
            include.File = Load(canonical, text);
        }

        /// <summary>Next to the including file first, then as written (through the source's include paths).</summary>
        private bool TryResolve(string includePath, string includingFile, out string canonical, out string text)
        {
            var slash = includingFile.Replace('\\', '/').LastIndexOf('/');
            if (slash > 0 && !includePath.StartsWith("/", StringComparison.Ordinal))
            {
                var sibling = NormalizePath(includingFile.Substring(0, slash) + "/" + includePath);
                if (_source.TryResolve(sibling, includingFile, out canonical, out text))
                {
                    return true;
                }
            }
            return _source.TryResolve(NormalizePath(includePath), includingFile, out canonical, out text);
        }
    }
}
