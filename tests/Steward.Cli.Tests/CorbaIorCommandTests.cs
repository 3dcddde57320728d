using System.Diagnostics;
using Steward.Rpc.Corba;

namespace Steward.Cli.Tests;

/// <summary><c>steward corba ior</c> next to omniORB 4.2's <c>catior</c> on the same IORs.</summary>
public class CorbaIorCommandTests
{
    // omniNames 4.2's root context, as it logged it.
    private const string OmniNames = "IOR:010000002b00000049444c3a6f6d672e6f72672f436f734e616d696e672f4e616d696e67436f6e746578744578743a312e30000001000000000000006c000000010102000a0000003132372e302e302e31006f300b0000004e616d6553657276696365000300000000000000080000000100000000545441010000001c0000000100000001000100010000000100010509010100010000000901010003545441080000009738176b01007569";

    public static TheoryData<string> Iors => new()
    {
        OmniNames,
        CorbaObjectReference.ForIiop("IDL:Test/Operations:1.0", new IiopProfile(GiopVersion.V1_2, "127.0.0.1", 20809, "StewardTest"u8.ToArray(), IiopComponents.StewardDefaults)).ToString(),
        CorbaObjectReference.ForIiop("IDL:X:1.0", new IiopProfile(GiopVersion.V1_2, "h", 1, [0, 0xff, 65],
            [IiopComponents.AlternateAddress("10.0.0.1", 2810), IiopComponents.OrbType(IiopComponents.OmniOrbOrbType), new TaggedComponent(77, [1])])).ToString(),
        CorbaObjectReference.Nil.ToString(),
    };

    [Theory]
    [MemberData(nameof(Iors))]
    public void Ior_prints_what_catior_prints_line_for_line(string ior)
    {
        foreach (var flags in new[] { Array.Empty<string>(), ["-x"] })
        {
            var expected = Catior([.. flags, ior]);

            var (code, stdout, stderr) = StewardCli.Run(["corba", "ior", .. flags, ior]);

            Assert.True(code == 0, stderr);
            Assert.Equal(expected.Split('\n'), stdout.Split('\n'));
        }
    }

    [Theory]
    [InlineData("IOR:0", "even, non-zero number of hex digits")]
    [InlineData("IOR:01000000ff", "does not hold a valid IOR")]
    [InlineData("nonsense", "not a scheme")]
    public void A_bad_IOR_exits_1_and_says_why(string ior, string why)
    {
        var (code, stdout, stderr) = StewardCli.Run("corba", "ior", ior);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains(why, stderr, StringComparison.Ordinal);
    }

    private static string Catior(params string[] args)
    {
        if (!File.Exists("/usr/bin/catior"))
        {
            Assert.Skip("catior is not installed (scripts/setup installs omniorb)");
        }
        var start = new ProcessStartInfo("/usr/bin/catior") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr.Result);
        return stdout.Result;
    }
}
