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
        // Filled in by the front-ends: see Protobuf/ProtoCompiler.cs.
        return Protobuf.ProtoCompiler.Compile(rootFiles, source);
    }
}
