using System.Collections.Generic;

namespace Steward.Rpc.Schema.Slice;

/// <summary>
/// The ZeroC Slice (Ice 3.7) front-end as registered in <see cref="FrontEndRegistry.Default"/>:
/// <see cref="SliceCompiler"/> behind the <see cref="IIdlFrontEnd"/> contract. Its files carry
/// <see cref="SliceSyntax.Slice"/>; its diagnostics are <see cref="SliceDiagnostics"/>.
/// </summary>
public sealed class SliceFrontEnd : IIdlFrontEnd
{
    private static readonly string[] Extensions = { ".ice" };
    private static readonly IdlSyntax[] ProducedSyntaxes = { SliceSyntax.Slice };

    /// <inheritdoc />
    public string Name => "Slice";

    /// <inheritdoc />
    public IReadOnlyList<string> FileExtensions => Extensions;

    /// <inheritdoc />
    public IReadOnlyList<IdlSyntax> Syntaxes => ProducedSyntaxes;

    /// <inheritdoc />
    public void CompileInto(SchemaSet set, IReadOnlyList<string> rootFiles, IFileSource source) =>
        SliceCompiler.CompileInto(set, rootFiles, source);
}
