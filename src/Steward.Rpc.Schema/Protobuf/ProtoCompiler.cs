using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema.Protobuf;

/// <summary>proto3 front-end: lexer, parser, import loader, linker and checks.</summary>
public static class ProtoCompiler
{
    /// <summary>More imports than this in one run is a runaway (or hostile) import graph.</summary>
    private const int MaxFiles = 10000;

    /// <summary>
    /// Compiles the .proto files <paramref name="rootFiles"/> and their imports into a new set; problems
    /// are in <see cref="SchemaSet.Diagnostics"/>, never thrown. <see cref="SchemaCompiler"/> is the
    /// entry point for tools: it also accepts the other IDLs.
    /// </summary>
    public static SchemaSet Compile(IEnumerable<string> rootFiles, IFileSource source)
    {
        var set = new SchemaSet();
        CompileInto(set, rootFiles, source, checkOptions: true);
        return set;
    }

    /// <summary>Adds the .proto files <paramref name="rootFiles"/> and their imports to a set that may hold other IDLs' files.</summary>
    public static void CompileInto(SchemaSet set, IEnumerable<string> rootFiles, IFileSource source) =>
        CompileInto(set, rootFiles, source, checkOptions: true);

    /// <summary>For the option checker's own copy of descriptor.proto (checking it would recurse).</summary>
    internal static SchemaSet CompileWithoutOptionChecks(string wellKnownPath)
    {
        var set = new SchemaSet();
        CompileInto(set, [wellKnownPath], new InMemoryFileSource(), checkOptions: false);
        return set;
    }

    private static void CompileInto(SchemaSet set, IEnumerable<string> rootFiles, IFileSource source, bool checkOptions)
    {
        try
        {
            var loader = new Loader(set, source);
            foreach (var root in rootFiles)
            {
                loader.LoadRoot(root);
            }
            var linker = new ProtoLinker(set, loader.Loaded);
            linker.Link();
            new ProtoChecker(set, loader.Loaded).Check();
            if (checkOptions)
            {
                new ProtoOptionChecker(set, linker).Check();
            }
        }
        catch (Exception ex)
        {
            // Bad input must never escape as an exception; a bug here is reported, not thrown.
            set.Diagnostics.Error(ProtoDiagnostics.InternalError,
                $"Internal error in the proto compiler ({ex.GetType().Name}: {ex.Message}). Please report it with the input file.",
                SourceLocation.None);
        }
    }

    /// <summary>Parses a single file with no imports resolved (for tools that only need the syntax tree).</summary>
    public static SchemaFile ParseOnly(string path, string text, DiagnosticBag diagnostics) =>
        ProtoParser.Parse(path, text, diagnostics);

    private sealed class Loader
    {
        private readonly SchemaSet _set;
        private readonly IFileSource _source;
        private readonly Dictionary<string, SchemaFile> _loaded = new();
        private readonly List<string> _stack = new();

        public Loader(SchemaSet set, IFileSource source)
        {
            _set = set;
            _source = source;
        }

        /// <summary>The .proto files of this run, in load order (imports first).</summary>
        public List<SchemaFile> Loaded { get; } = new();

        public void LoadRoot(string path)
        {
            if (!TryRead(path, null, out var canonical, out var text, out var wellKnown))
            {
                _set.Diagnostics.Error(ProtoDiagnostics.FileNotFound, $"File not found: \"{path}\".", new SourceLocation(path, 0, 0));
                return;
            }
            var file = Load(canonical, text, wellKnown);
            if (!_set.RootFiles.Contains(file))
            {
                _set.RootFiles.Add(file);
            }
        }

        /// <summary>The shipped well-known types win over same-named files so every tool sees one definition of them.</summary>
        private bool TryRead(string path, string? importing, out string canonical, out string text, out bool wellKnown)
        {
            wellKnown = WellKnownTypes.TryGet(path, out text);
            if (wellKnown)
            {
                canonical = path;
                return true;
            }
            return _source.TryResolve(path, importing, out canonical, out text);
        }

        private SchemaFile Load(string canonical, string text, bool wellKnown)
        {
            if (_loaded.TryGetValue(canonical, out var existing))
            {
                return existing;
            }
            var file = ProtoParser.Parse(canonical, text, _set.Diagnostics);
            file.IsWellKnown = wellKnown;
            _loaded[canonical] = file;
            _stack.Add(canonical);
            foreach (var import in file.Imports)
            {
                LoadImport(file, import);
            }
            _stack.RemoveAt(_stack.Count - 1);
            _set.Files.Add(file);
            Loaded.Add(file);
            return file;
        }

        private void LoadImport(SchemaFile file, ImportDef import)
        {
            if (_loaded.Count >= MaxFiles)
            {
                _set.Diagnostics.Error(ProtoDiagnostics.ImportNotFound, $"Too many files imported (more than {MaxFiles}).", import.Location);
                return;
            }
            if (!TryRead(import.Path, file.Path, out var canonical, out var text, out var wellKnown))
            {
                _set.Diagnostics.Error(ProtoDiagnostics.ImportNotFound, $"Import \"{import.Path}\" was not found or had errors.", import.Location);
                return;
            }
            var onStack = _stack.IndexOf(canonical);
            if (onStack >= 0)
            {
                var chain = string.Join(" -> ", _stack.GetRange(onStack, _stack.Count - onStack)) + " -> " + canonical;
                _set.Diagnostics.Error(ProtoDiagnostics.ImportCycle, $"File recursively imports itself: {chain}", import.Location);
                return;
            }
            import.File = Load(canonical, text, wellKnown);
        }
    }
}
