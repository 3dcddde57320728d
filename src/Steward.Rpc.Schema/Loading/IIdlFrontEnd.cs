using System.Collections.Generic;

namespace Steward.Rpc.Schema;

/// <summary>
/// One IDL's way into the schema model: it claims files by extension, then parses them, loads what
/// they import or include through the <see cref="IFileSource"/>, links names and checks them.
/// <see cref="SchemaCompiler"/> picks the front-end for each root file from a <see cref="FrontEndRegistry"/>,
/// so adding an IDL means writing one of these and registering it, with no change to the tools.
/// </summary>
public interface IIdlFrontEnd
{
    /// <summary>A short human-readable name for messages (<c>proto</c>, <c>Thrift</c>).</summary>
    string Name { get; }

    /// <summary>
    /// The file extensions this front-end compiles, with the leading dot (<c>.proto</c>); matched
    /// case-insensitively against the end of a root file's path.
    /// </summary>
    IReadOnlyList<string> FileExtensions { get; }

    /// <summary>The <see cref="SchemaFile.Syntax"/> values of the files it produces; an emitter serves one or more of them.</summary>
    IReadOnlyList<IdlSyntax> Syntaxes { get; }

    /// <summary>
    /// Compiles <paramref name="rootFiles"/> (and the files they import) into <paramref name="set"/>,
    /// which may already hold other front-ends' files. Must not throw on bad input: every problem,
    /// including an internal error, goes to <see cref="SchemaSet.Diagnostics"/> under the front-end's own codes.
    /// </summary>
    /// <param name="set">Receives the files (roots also in <see cref="SchemaSet.RootFiles"/>) and diagnostics.</param>
    /// <param name="rootFiles">The files to generate code for, in the order given by the caller.</param>
    /// <param name="source">Reads the root files and resolves imports.</param>
    void CompileInto(SchemaSet set, IReadOnlyList<string> rootFiles, IFileSource source);
}
