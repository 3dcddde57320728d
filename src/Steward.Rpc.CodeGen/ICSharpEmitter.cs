using System.Collections.Generic;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen;

/// <summary>
/// Writes the C# for files of one IDL family: it declares the <see cref="IdlSyntax"/> values it
/// serves, and <see cref="CSharpGenerator"/> picks it from an <see cref="EmitterRegistry"/> by the
/// file's <see cref="SchemaFile.Syntax"/>. Adding an IDL means writing one of these and registering it,
/// with no change to the source generator or <c>steward gen</c>.
/// </summary>
public interface ICSharpEmitter
{
    /// <summary>A short human-readable name for messages (<c>protobuf</c>, <c>Thrift</c>).</summary>
    string Name { get; }

    /// <summary>The syntaxes of the files this emitter generates code for.</summary>
    IReadOnlyList<IdlSyntax> Syntaxes { get; }

    /// <summary>
    /// The C# for <paramref name="file"/> (types of imported files are referenced, not emitted). The
    /// content starts below the generated-file preamble, which <see cref="CSharpGenerator"/> writes for
    /// every emitter (the <c>&lt;auto-generated&gt;</c> header, <c>#nullable enable</c>, the warnings turned off).
    /// </summary>
    /// <param name="set">The whole compilation, for resolving references into other files.</param>
    /// <param name="file">One file of <paramref name="set"/> whose syntax is among <see cref="Syntaxes"/>.</param>
    /// <param name="options">The settings of this run.</param>
    IReadOnlyList<GeneratedFile> Emit(SchemaSet set, SchemaFile file, CodeGenOptions options);
}
