namespace Steward.Rpc.Schema;

/// <summary>
/// Stable diagnostic codes of the shared pipeline, as opposed to one front-end's (proto owns STW10xx,
/// Thrift STW20xx). The Roslyn generator reports them under the same ids, so never renumber one.
/// </summary>
public static class SchemaDiagnostics
{
    /// <summary>An internal error of the source generator itself (reported by Steward.Rpc.Generator).</summary>
    public const string GeneratorInternalError = "STW0001";

    /// <summary>An internal error while generating C# for a file that compiled (reported by the generator and <c>steward gen</c>).</summary>
    public const string CodeGenInternalError = "STW0002";

    /// <summary>A root file whose extension no registered front-end claims.</summary>
    public const string UnknownFileType = "STW0003";

    /// <summary>An internal error of <see cref="SchemaCompiler"/> outside any front-end (a bug: please report it).</summary>
    public const string InternalError = "STW0004";
}
