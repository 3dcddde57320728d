using System.CommandLine;

namespace Steward.Cli.Commands;

/// <summary><c>steward gen &lt;files&gt; --out &lt;dir&gt; [-I &lt;path&gt;]</c>: IDL → C# files.</summary>
internal static class GenCommand
{
    public static Command Create()
    {
        var command = new Command("gen", "Generate C# from IDL files (.proto).");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("steward gen: not built yet.");
            return 2;
        });
        return command;
    }
}
