using System.Globalization;
using IceTest.Client;
using Steward.Rpc.Ice;

// Steward's client for the Ice interop matrix: calls every operation of testassets/ice/StewardTest.ice on
// "test:tcp -h H -p N" and checks the results against the contract's comments.
//   --host=H (default 127.0.0.1)  --port=N (required)  --only=case,case
// Prints "<case>: passed" or "FAIL <case>: <why>" per case, then "N passed, N failed"; exit code 1 on any failure.
var host = "127.0.0.1";
int? port = null;
HashSet<string>? only = null;
foreach (var arg in args)
{
    if (arg.StartsWith("--host=", StringComparison.Ordinal))
    {
        host = arg["--host=".Length..];
    }
    else if (arg.StartsWith("--port=", StringComparison.Ordinal)
        && int.TryParse(arg["--port=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536)
    {
        port = p;
    }
    else if (arg.StartsWith("--only=", StringComparison.Ordinal))
    {
        only = [.. arg["--only=".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries)];
    }
    else
    {
        Console.Error.WriteLine($"IceTest.Client: unknown argument '{arg}' (usage: --host=H --port=N [--only=case,...])");
        return 2;
    }
}
if (port is null)
{
    Console.Error.WriteLine("IceTest.Client: --port=N is required");
    return 2;
}

var options = new IceChannelOptions { Limits = IceLimits.Default with { MaxMessageSize = 100 * 1024 * 1024 } };
using var channel = new IceChannel($"test:tcp -h \"{host}\" -p {port} -t 30000", options);
var cases = new Cases(channel);
int passed = 0, failed = 0;
foreach (var (name, run) in cases.All)
{
    if (only is not null && !only.Contains(name))
    {
        continue;
    }
    try
    {
        await run();
        Console.WriteLine($"{name}: passed");
        passed++;
    }
    catch (Exception ex)
    {
        var why = ex is CaseFailedException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
        Console.WriteLine($"FAIL {name}: {why.ReplaceLineEndings(" ")}");
        failed++;
    }
}
Console.WriteLine($"{passed} passed, {failed} failed");
return failed == 0 ? 0 : 1;
