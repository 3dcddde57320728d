using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema;

/// <summary>
/// The one entry point every tool uses: parse the named IDL files (choosing the front-end by
/// extension), load their imports through <see cref="IFileSource"/> (the well-known protobuf types
/// are built in), link names and run the semantic checks. Never throws on bad input: problems
/// are in <see cref="SchemaSet.Diagnostics"/>.
/// </summary>
public static class SchemaCompiler
{
    public static SchemaSet Compile(IEnumerable<string> rootFiles, IFileSource source)
    {
        try
        {
            // Only the proto front-end exists so far; the others will dispatch on extension here.
            return Protobuf.ProtoCompiler.Compile(rootFiles, source);
        }
        catch (Exception ex)
        {
            var set = new SchemaSet();
            set.Diagnostics.Error(Protobuf.ProtoDiagnostics.InternalError, $"Internal error ({ex.GetType().Name}: {ex.Message}).", SourceLocation.None);
            return set;
        }
    }
}
