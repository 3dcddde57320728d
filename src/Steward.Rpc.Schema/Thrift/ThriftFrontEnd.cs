using System.Collections.Generic;

namespace Steward.Rpc.Schema.Thrift;

/// <summary>
/// The Apache Thrift front-end as registered in <see cref="FrontEndRegistry.Default"/>:
/// <see cref="ThriftCompiler"/> behind the <see cref="IIdlFrontEnd"/> contract. Its diagnostics are
/// <see cref="ThriftDiagnostics"/>; includes resolve next to the including file first.
/// </summary>
public sealed class ThriftFrontEnd : IIdlFrontEnd
{
    private static readonly string[] Extensions = { ".thrift" };
    private static readonly IdlSyntax[] ProducedSyntaxes = { IdlSyntax.Thrift };

    /// <inheritdoc />
    public string Name => "Thrift";

    /// <inheritdoc />
    public IReadOnlyList<string> FileExtensions => Extensions;

    /// <inheritdoc />
    public IReadOnlyList<IdlSyntax> Syntaxes => ProducedSyntaxes;

    /// <inheritdoc />
    public void CompileInto(SchemaSet set, IReadOnlyList<string> rootFiles, IFileSource source) =>
        ThriftCompiler.CompileInto(set, rootFiles, source);
}
