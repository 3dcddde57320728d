using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema.Slice;

/// <summary>
/// Slice front-end pipeline: preprocessing lexer, parser, include loader, linker and checks, into
/// the shared schema model. <c>#include "x.ice"</c> is looked up next to the including file first,
/// then under the import roots of the <see cref="IFileSource"/>; <c>#include &lt;x.ice&gt;</c> only
/// under the roots (mcpp's <c>-I</c> order). Each file is loaded once, which is what
/// <c>#pragma once</c> and include guards achieve for slice2*.
/// </summary>
public static class SliceCompiler
{
    /// <summary>More files than this in one run is a runaway (or hostile) include graph.</summary>
    public const int MaxFiles = 1000;

    /// <summary>Far beyond any real Slice file; keeps an in-memory source from feeding the lexer gigabytes.</summary>
    public const int MaxFileChars = 16 * 1024 * 1024;

    /// <summary>Compiles the .ice files <paramref name="rootFiles"/> and their includes into a new set; problems are in <see cref="SchemaSet.Diagnostics"/>, never thrown.</summary>
    public static SchemaSet Compile(IEnumerable<string> rootFiles, IFileSource source)
    {
        var set = new SchemaSet();
        CompileInto(set, rootFiles, source);
        return set;
    }

    /// <summary>Adds the Slice files (and their includes) to a set that may already hold other IDLs' files.</summary>
    public static void CompileInto(SchemaSet set, IEnumerable<string> rootFiles, IFileSource source)
    {
        if (set is null)
        {
            throw new ArgumentNullException(nameof(set));
        }
        try
        {
            var loader = new Loader(set, source);
            foreach (var root in rootFiles)
            {
                loader.LoadRoot(root);
            }
            var linker = new SliceLinker(set, loader.Loaded);
            linker.Link();
            new SliceChecker(set, loader.Loaded, linker).Check();
        }
        catch (Exception ex)
        {
            // Bad input must never escape as an exception; a bug here is reported, not thrown.
            set.Diagnostics.Error(SliceDiagnostics.InternalError,
                $"Internal error in the Slice compiler ({ex.GetType().Name}: {ex.Message}). Please report it with the input file.",
                SourceLocation.None);
        }
    }

    private sealed class Loader
    {
        private readonly SchemaSet _set;
        private readonly IFileSource _source;
        private readonly Dictionary<string, SliceUnit> _loaded = new(StringComparer.Ordinal);
        private readonly List<SliceUnit> _stack = new();

        public Loader(SchemaSet set, IFileSource source)
        {
            _set = set;
            _source = source;
        }

        /// <summary>The files of this run in load order: a file's includes come before it.</summary>
        public List<SliceUnit> Loaded { get; } = new();

        public void LoadRoot(string path)
        {
            if (!_source.TryResolve(path, null, out var canonical, out var text))
            {
                _set.Diagnostics.Error(SliceDiagnostics.FileNotFound, $"File not found: \"{path}\".", new SourceLocation(path, 0, 0));
                return;
            }
            var unit = Load(canonical, text);
            if (unit == null)
            {
                return;
            }
            unit.IsRoot = true;
            if (!_set.RootFiles.Contains(unit.File))
            {
                _set.RootFiles.Add(unit.File);
            }
        }

        private SliceUnit? Load(string canonical, string text)
        {
            if (_loaded.TryGetValue(canonical, out var existing))
            {
                // Already loaded, or being loaded further up (an include cycle, which #pragma once ends).
                return existing;
            }
            if (text.Length > MaxFileChars)
            {
                _set.Diagnostics.Error(SliceDiagnostics.LimitExceeded,
                    $"File is {text.Length} characters long; the limit is {MaxFileChars}.", new SourceLocation(canonical, 1, 1));
                text = "";
            }
            var unit = SliceParser.Parse(canonical, text, _set.Diagnostics);
            _loaded[canonical] = unit;
            _stack.Add(unit);
            for (var i = 0; i < unit.Includes.Count; i++)
            {
                LoadInclude(unit, unit.Includes[i], unit.File.Imports[i]);
            }
            _stack.RemoveAt(_stack.Count - 1);
            _set.Files.Add(unit.File);
            Loaded.Add(unit);
            return unit;
        }

        private void LoadInclude(SliceUnit unit, SliceInclude include, ImportDef import)
        {
            if (_loaded.Count >= MaxFiles)
            {
                _set.Diagnostics.Error(SliceDiagnostics.LimitExceeded, $"Too many files included (more than {MaxFiles}).", include.Location);
                return;
            }
            if (!TryResolve(include, unit.File.Path, out var canonical, out var text))
            {
                _set.Diagnostics.Error(SliceDiagnostics.IncludeNotFound, $"Can't open include file \"{include.Path}\".", include.Location);
                return;
            }
            if (_loaded.TryGetValue(canonical, out var again) && !again.IncludedOnce)
            {
                // mcpp would paste the file's text again: endlessly for a cycle, else as a second copy of its definitions.
                if (_stack.Contains(again))
                {
                    _set.Diagnostics.Error(SliceDiagnostics.LimitExceeded,
                        $"\"{canonical}\" includes itself without #pragma once or an include guard.", include.Location);
                }
                else if (again.Decls.Exists(d => d.Kind != SliceKind.Module && d.Kind != SliceKind.ClassForward && d.Kind != SliceKind.InterfaceForward))
                {
                    _set.Diagnostics.Error(SliceDiagnostics.Redefinition,
                        $"\"{canonical}\" is included again without #pragma once or an include guard, so its definitions are redefined.", include.Location);
                }
            }
            import.File = Load(canonical, text)?.File;
        }

        private bool TryResolve(SliceInclude include, string includingFile, out string canonical, out string text)
        {
            var path = include.Path.Replace('\\', '/');
            var slash = includingFile.Replace('\\', '/').LastIndexOf('/');
            if (!include.Angled && !path.StartsWith("/", StringComparison.Ordinal))
            {
                var sibling = NormalizePath(slash > 0 ? includingFile.Substring(0, slash) + "/" + path : path);
                if (_source.TryResolve(sibling, includingFile, out canonical, out text))
                {
                    return true;
                }
            }
            return _source.TryResolve(NormalizePath(path), includingFile, out canonical, out text);
        }

        /// <summary><c>a/b/../c.ice</c> → <c>a/c.ice</c>; leading <c>..</c> that cannot be collapsed stay.</summary>
        private static string NormalizePath(string path)
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
}
