using System.Collections.Generic;

namespace Steward.Rpc.Schema.Protobuf;

/// <summary>
/// The .proto front-end (proto3 and proto2) as registered in <see cref="FrontEndRegistry.Default"/>:
/// <see cref="ProtoCompiler"/> behind the <see cref="IIdlFrontEnd"/> contract. Its diagnostics are
/// <see cref="ProtoDiagnostics"/>; the well-known types resolve without being on any import path.
/// </summary>
public sealed class ProtoFrontEnd : IIdlFrontEnd
{
    private static readonly string[] Extensions = { ".proto" };
    private static readonly IdlSyntax[] ProducedSyntaxes = { IdlSyntax.Proto3, IdlSyntax.Proto2 };

    /// <inheritdoc />
    public string Name => "proto";

    /// <inheritdoc />
    public IReadOnlyList<string> FileExtensions => Extensions;

    /// <inheritdoc />
    public IReadOnlyList<IdlSyntax> Syntaxes => ProducedSyntaxes;

    /// <inheritdoc />
    public void CompileInto(SchemaSet set, IReadOnlyList<string> rootFiles, IFileSource source) =>
        ProtoCompiler.CompileInto(set, rootFiles, source);
}
