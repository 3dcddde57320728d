using System.Collections.Generic;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Thrift;

/// <summary>
/// C# for one .thrift file: enums, a <c>&lt;Program&gt;Constants</c> class, structs, unions and
/// exceptions, and per service a static class with its args/result structs, method descriptors,
/// server base and client. The code needs Steward.Rpc and Steward.Rpc.Thrift, and no reflection.
/// </summary>
public sealed class ThriftEmitter : ICSharpEmitter
{
    private static readonly IdlSyntax[] Served = { IdlSyntax.Thrift };

    /// <inheritdoc />
    public string Name => "Thrift";

    /// <inheritdoc />
    public IReadOnlyList<IdlSyntax> Syntaxes => Served;

    /// <inheritdoc />
    public IReadOnlyList<GeneratedFile> Emit(SchemaSet set, SchemaFile file, CodeGenOptions options) =>
        ThriftGenerator.Generate(set, file, options);
}
