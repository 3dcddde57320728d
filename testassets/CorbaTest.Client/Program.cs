using CorbaTest.Client;
using Steward.Rpc;
using Steward.Rpc.Corba;
using Steward.Rpc.Corba.Naming;

// Steward's client for the CORBA interop matrix: calls every operation and attribute of testassets/corba/StewardTest.idl
// and checks the results against the contract's comments.
//   --ior=IOR:...  |  --ior-file=F  |  --ns=corbaloc:iiop:H:P/NameService (resolves StewardTest.Operations)
//   --only=case,case
// Prints "<case>: passed" or "FAIL <case>: <why>" per case, then "N passed, N failed"; exit code 1 on any failure.
string? ior = null;
string? iorFile = null;
string? nameService = null;
HashSet<string>? only = null;
foreach (var arg in args)
{
    if (arg.StartsWith("--ior=", StringComparison.Ordinal))
    {
        ior = arg["--ior=".Length..];
    }
    else if (arg.StartsWith("--ior-file=", StringComparison.Ordinal))
    {
        iorFile = arg["--ior-file=".Length..];
    }
    else if (arg.StartsWith("--ns=", StringComparison.Ordinal))
    {
        nameService = arg["--ns=".Length..];
    }
    else if (arg.StartsWith("--only=", StringComparison.Ordinal))
    {
        only = [.. arg["--only=".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries)];
    }
    else
    {
        Console.Error.WriteLine($"CorbaTest.Client: unknown argument '{arg}' (usage: --ior=IOR:...|--ior-file=F|--ns=corbaloc:iiop:H:P/NameService [--only=case,...])");
        return 2;
    }
}
if ((ior is null ? 0 : 1) + (iorFile is null ? 0 : 1) + (nameService is null ? 0 : 1) != 1)
{
    Console.Error.WriteLine("CorbaTest.Client: give exactly one of --ior, --ior-file and --ns");
    return 2;
}

CorbaObjectReference target;
try
{
    if (iorFile != null)
    {
        ior = (await File.ReadAllLinesAsync(iorFile)).FirstOrDefault(l => l.Length > 0)
            ?? throw new InvalidDataException($"{iorFile} holds no IOR");
    }
    if (ior != null)
    {
        target = CorbaChannel.ForReference(ior).Reference;
    }
    else
    {
        using var naming = NamingContextClient.Connect(nameService!);
        target = await naming.ResolveAsync("StewardTest.Operations");
    }
}
catch (Exception ex) when (ex is CorbaSystemException or CorbaUserException or RpcException or IOException)
{
    Console.Error.WriteLine($"CorbaTest.Client: cannot find the object: {ex.GetType().Name}: {ex.Message}");
    return 1;
}

using var channel = new CorbaChannel(target);
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
        // Each call is bounded, so a hung server fails a case rather than the run.
        await run().WaitAsync(TimeSpan.FromSeconds(60));
        Console.WriteLine($"{name}: passed");
        passed++;
    }
    catch (Exception ex)
    {
        var why = ex switch
        {
            CaseFailedException => ex.Message,
            CorbaSystemException system => $"system exception {system.Name} minor {system.Minor} completed {system.Completed}: {system.Message}",
            CorbaUserException user => $"user exception {user.RepositoryId}",
            _ => $"{ex.GetType().Name}: {ex.Message}",
        };
        Console.WriteLine($"FAIL {name}: {why.ReplaceLineEndings(" ")}");
        failed++;
    }
}
Console.WriteLine($"{passed} passed, {failed} failed");
return failed == 0 ? 0 : 1;
