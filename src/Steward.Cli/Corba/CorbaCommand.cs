using System.CommandLine;

namespace Steward.Cli.Corba;

/// <summary>
/// <c>steward corba &lt;subcommand&gt;</c>: CORBA tools, each in its own file beside this one. To add one, write
/// its <c>Create()</c> and list it in <see cref="Subcommands"/>.
/// </summary>
internal static class CorbaCommand
{
    private static IEnumerable<Func<Command>> Subcommands =>
    [
        CorbaIorCommand.Create,
        CorbaNamingCommand.Create,
    ];

    public static Command Create()
    {
        var command = new Command("corba", "CORBA tools: decode IORs (like omniORB's catior), use a naming service (like nameclt).");
        foreach (var create in Subcommands)
        {
            command.Subcommands.Add(create());
        }
        return command;
    }
}
