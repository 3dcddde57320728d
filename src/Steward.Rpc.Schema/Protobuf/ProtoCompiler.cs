using System.Collections.Generic;

namespace Steward.Rpc.Schema.Protobuf;

/// <summary>proto3 front-end: lexer, parser, import loader, linker and checks.</summary>
public static class ProtoCompiler
{
    public static SchemaSet Compile(IEnumerable<string> rootFiles, IFileSource source)
    {
        var set = new SchemaSet();
        // TODO(parser): not built yet.
        _ = rootFiles;
        _ = source;
        return set;
    }
}
