using System.CommandLine;
using Steward.Rpc.Corba;

namespace Steward.Cli.Corba;

/// <summary>
/// <c>steward corba ior [-x] &lt;IOR&gt;</c>: prints what omniORB's <c>catior</c> prints for the same stringified
/// IOR (or corbaloc URL): type id, profiles, components; <c>-x</c> prints object keys in hex. Exit codes: 0 done,
/// 1 the string is not a valid IOR (the reason on stderr, after whatever catior would have printed before it).
/// </summary>
internal static class CorbaIorCommand
{
    public static Command Create()
    {
        var ior = new Argument<string>("ior") { Description = "A stringified IOR (IOR:...) or a corbaloc: URL" };
        var hex = new Option<bool>("--hex", "-x") { Description = "Print object keys as hexadecimal (catior -x)" };
        var command = new Command("ior", "Decode a stringified IOR as omniORB's catior does.") { ior, hex };
        command.SetAction(parse => Run(parse.GetValue(ior)!, parse.GetValue(hex)));
        return command;
    }

    private static int Run(string text, bool hex)
    {
        CorbaObjectReference reference;
        try
        {
            reference = CorbaObjectReference.Parse(text);
        }
        catch (CorbaSystemException ex)
        {
            Console.Error.WriteLine($"Invalid stringified IOR supplied: {ex.Message} (CORBA::{ex.Name}, minor 0x{ex.Minor:x8})");
            return 1;
        }
        using var stdout = Console.OpenStandardOutput();
        using var output = new StreamWriter(stdout, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        try
        {
            IorDescription.Write(output, reference, hex);
            return 0;
        }
        catch (CorbaSystemException ex)
        {
            output.Flush();
            Console.Error.WriteLine($"Invalid stringified IOR supplied: {ex.Message} (CORBA::{ex.Name}, minor 0x{ex.Minor:x8})");
            return 1;
        }
    }
}
