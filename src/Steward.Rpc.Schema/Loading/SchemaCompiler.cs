using System;
using System.Collections.Generic;
using System.Linq;

namespace Steward.Rpc.Schema;

/// <summary>
/// The one entry point every tool uses: hand each root file to the front-end that claims its
/// extension, which parses it, loads its imports through <see cref="IFileSource"/>, links names and
/// runs the semantic checks, all into one <see cref="SchemaSet"/>. Never throws on bad input:
/// problems are in <see cref="SchemaSet.Diagnostics"/>.
/// </summary>
public static class SchemaCompiler
{
    /// <summary>Compiles <paramref name="rootFiles"/> with the front-ends of <see cref="FrontEndRegistry.Default"/>.</summary>
    /// <param name="rootFiles">The files to generate code for; their imports are loaded as needed.</param>
    /// <param name="source">Reads the files and resolves imports.</param>
    public static SchemaSet Compile(IEnumerable<string> rootFiles, IFileSource source) =>
        Compile(rootFiles, source, FrontEndRegistry.Default);

    /// <summary>
    /// Compiles <paramref name="rootFiles"/> with the front-ends of <paramref name="frontEnds"/>. Each
    /// front-end compiles its own files on their own (a .thrift cannot include a .proto), in
    /// registration order, into one result; a file no front-end claims is reported as
    /// <see cref="SchemaDiagnostics.UnknownFileType"/>.
    /// </summary>
    public static SchemaSet Compile(IEnumerable<string> rootFiles, IFileSource source, FrontEndRegistry frontEnds)
    {
        if (rootFiles is null)
        {
            throw new ArgumentNullException(nameof(rootFiles));
        }
        if (frontEnds is null)
        {
            throw new ArgumentNullException(nameof(frontEnds));
        }
        var set = new SchemaSet();
        try
        {
            var byFrontEnd = new Dictionary<IIdlFrontEnd, List<string>>();
            foreach (var root in rootFiles)
            {
                var frontEnd = frontEnds.ForPath(root);
                if (frontEnd is null)
                {
                    var expected = string.Join(", ", frontEnds.FileExtensions.OrderBy(e => e, StringComparer.Ordinal));
                    set.Diagnostics.Error(SchemaDiagnostics.UnknownFileType,
                        $"No IDL front-end compiles \"{root}\": expected a file ending in {expected}.", new SourceLocation(root, 0, 0));
                    continue;
                }
                if (!byFrontEnd.TryGetValue(frontEnd, out var files))
                {
                    byFrontEnd[frontEnd] = files = new List<string>();
                }
                files.Add(root);
            }
            foreach (var frontEnd in frontEnds.FrontEnds)
            {
                if (byFrontEnd.TryGetValue(frontEnd, out var files))
                {
                    frontEnd.CompileInto(set, files, source);
                }
            }
        }
        catch (Exception ex)
        {
            set.Diagnostics.Error(SchemaDiagnostics.InternalError, $"Internal error ({ex.GetType().Name}: {ex.Message}).", SourceLocation.None);
        }
        return set;
    }
}
