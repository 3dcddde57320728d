using System.Collections.Generic;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen;

/// <summary>Settings of one generation run.</summary>
public sealed class CodeGenOptions
{
    /// <summary>Overrides the C# namespace derived from the file (csharp_namespace / package).</summary>
    public string? Namespace { get; set; }
    public bool GenerateClients { get; set; } = true;
    public bool GenerateServers { get; set; } = true;
    /// <summary>Emit <c>internal</c> instead of <c>public</c> types.</summary>
    public bool InternalAccess { get; set; }
}

/// <summary>One C# source produced by the generator.</summary>
public sealed class GeneratedFile
{
    public GeneratedFile(string hintName, string content)
    {
        HintName = hintName;
        Content = content;
    }

    /// <summary>A file name unique within the run, ending in <c>.g.cs</c>.</summary>
    public string HintName { get; }
    public string Content { get; }
}

/// <summary>The one generator behind both the Roslyn source generator and <c>steward gen</c>.</summary>
public static class CSharpGenerator
{
    public static IReadOnlyList<GeneratedFile> Generate(SchemaSet set, SchemaFile file, CodeGenOptions options)
    {
        // TODO(codegen): not built yet.
        _ = set;
        _ = file;
        _ = options;
        return new List<GeneratedFile>();
    }
}
