namespace Steward.Rpc.CodeGen;

/// <summary>One C# source produced by the generator.</summary>
public sealed class GeneratedFile
{
    /// <summary>Pairs a file name with its C# text.</summary>
    public GeneratedFile(string hintName, string content)
    {
        HintName = hintName;
        Content = content;
    }

    /// <summary>A file name unique within the run, ending in <c>.g.cs</c>.</summary>
    public string HintName { get; }

    /// <summary>The C# text, with <c>\n</c> line ends.</summary>
    public string Content { get; }
}
