using System.Collections.Generic;

namespace Steward.Rpc.Schema.OmgIdl;

/// <summary>
/// The OMG IDL (CORBA 3, as omniidl 4.2 reads it) front-end as registered in <see cref="FrontEndRegistry.Default"/>:
/// <see cref="OmgIdlCompiler"/> behind the <see cref="IIdlFrontEnd"/> contract. Its files carry
/// <see cref="OmgIdlSyntax.OmgIdl"/>; its diagnostics are <see cref="OmgIdlDiagnostics"/>.
/// </summary>
public sealed class OmgIdlFrontEnd : IIdlFrontEnd
{
    private static readonly string[] Extensions = { ".idl" };
    private static readonly IdlSyntax[] ProducedSyntaxes = { OmgIdlSyntax.OmgIdl };

    /// <inheritdoc />
    public string Name => "OMG IDL";

    /// <inheritdoc />
    public IReadOnlyList<string> FileExtensions => Extensions;

    /// <inheritdoc />
    public IReadOnlyList<IdlSyntax> Syntaxes => ProducedSyntaxes;

    /// <inheritdoc />
    public void CompileInto(SchemaSet set, IReadOnlyList<string> rootFiles, IFileSource source) =>
        OmgIdlCompiler.CompileInto(set, rootFiles, source);
}
