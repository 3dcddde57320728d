using System.Globalization;
using System.Net;
using Steward.N4.Testing;

// bench/Steward.Upf.Benchmarks: the parts of run.sh that are easier in C# than in shell.
//   topology up SUFFIX [--kernel]   build n4-gnb-SUFFIX, n4-upf-SUFFIX, n4-dn-SUFFIX (prints the three names)
//   topology down SUFFIX            remove them
//   pfcp-rate --upf ADDR:PORT --local ADDR:PORT [--sessions N] [--concurrency C]
//                                   PFCP session establishments per second through the SMF API (run it in the gNB namespace)
if (!PeerTool.IsRoot)
{
    Console.Error.WriteLine("needs root (network namespaces)");
    return 2;
}
switch (args)
{
    case ["topology", "up", var suffix, .. var rest]:
        var topology = N4Topology.Create(kernelPath: rest.Contains("--kernel"), suffix: suffix);
        Console.WriteLine($"{topology.Gnb} {topology.Upf} {topology.Dn}");
        return 0;
    case ["topology", "down", var suffix]:
        N4Topology.Remove(suffix);
        return 0;
    case ["pfcp-rate", .. var rest]:
        return await PfcpRate.RunAsync(IPEndPoint.Parse(Option(rest, "--upf", "10.100.0.2:8805")), IPEndPoint.Parse(Option(rest, "--local", "10.100.0.1:8805")),
            int.Parse(Option(rest, "--sessions", "2000"), CultureInfo.InvariantCulture), int.Parse(Option(rest, "--concurrency", "16"), CultureInfo.InvariantCulture));
    default:
        Console.Error.WriteLine("usage: topology up SUFFIX [--kernel] | topology down SUFFIX | pfcp-rate --upf ADDR:PORT --local ADDR:PORT [--sessions N] [--concurrency C]");
        return 2;
}

static string Option(string[] args, string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
