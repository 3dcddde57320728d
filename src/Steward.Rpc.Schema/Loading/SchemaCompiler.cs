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
            var thrift = new List<string>();
            var proto = new List<string>();
            foreach (var root in rootFiles)
            {
                (IsThrift(root) ? thrift : proto).Add(root);
            }
            if (thrift.Count == 0)
            {
                return Protobuf.ProtoCompiler.Compile(proto, source);
            }
            // A mixed set compiles each IDL on its own (a .thrift cannot include a .proto) into one result.
            var set = proto.Count == 0 ? new SchemaSet() : Protobuf.ProtoCompiler.Compile(proto, source);
            Thrift.ThriftCompiler.CompileInto(set, thrift, source);
            return set;
        }
        catch (Exception ex)
        {
            var set = new SchemaSet();
            set.Diagnostics.Error(Protobuf.ProtoDiagnostics.InternalError, $"Internal error ({ex.GetType().Name}: {ex.Message}).", SourceLocation.None);
            return set;
        }
    }

    private static bool IsThrift(string path) => path.EndsWith(".thrift", StringComparison.OrdinalIgnoreCase);
}
