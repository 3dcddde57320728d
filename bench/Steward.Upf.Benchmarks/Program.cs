using Steward.N4.Testing;

// bench/Steward.Upf.Benchmarks: the parts of run.sh that are easier in C# than in shell.
//   topology up SUFFIX [--kernel]   build n4-gnb-SUFFIX, n4-upf-SUFFIX, n4-dn-SUFFIX (prints the three names)
//   topology down SUFFIX            remove them
//   route-upf SUFFIX                once the UPF has opened its TUN: route the UE pool into it
if (!PeerTool.IsRoot)
{
    Console.Error.WriteLine("needs root (network namespaces)");
    return 2;
}
switch (args)
{
    case ["topology", "up", var suffix, .. var rest]:
        {
            var topology = N4Topology.Create(kernelPath: rest.Contains("--kernel"), suffix: suffix);
            Console.WriteLine($"{topology.Gnb} {topology.Upf} {topology.Dn}");
            return 0;
        }
    case ["topology", "down", var suffix]:
        N4Topology.Remove(suffix);
        return 0;
    case ["route-upf", var suffix]:
        N4Topology.Attach(suffix).RouteUePoolIntoUpf();
        return 0;
    default:
        Console.Error.WriteLine("usage: topology up SUFFIX [--kernel] | topology down SUFFIX | route-upf SUFFIX");
        return 2;
}
