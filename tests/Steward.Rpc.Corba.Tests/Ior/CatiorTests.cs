using Steward.Rpc.Corba.Tests.Any;

namespace Steward.Rpc.Corba.Tests.Ior;

/// <summary>IorDescription against omniORB 4.2's catior on the same IORs, and catior's verdict on every IOR Steward writes.</summary>
public class CatiorTests
{
    public static TheoryData<string, string> Iors => SampleIors.All();

    [Theory]
    [MemberData(nameof(Iors))]
    public void The_description_is_what_catior_prints_line_for_line(string name, string ior)
    {
        var (code, expected, stderr) = OmniOrbPeer.Run(OmniOrbPeer.CatiorPath, ior);
        Assert.True(code == 0, $"{name}: catior failed: {stderr}");

        var described = IorDescription.Describe(CorbaObjectReference.Parse(ior));

        Assert.Equal(expected.Split('\n'), described.Split('\n'));
    }

    [Theory]
    [MemberData(nameof(Iors))]
    public void The_hex_key_description_is_what_catior_x_prints(string name, string ior)
    {
        var (code, expected, stderr) = OmniOrbPeer.Run(OmniOrbPeer.CatiorPath, "-x", ior);
        Assert.True(code == 0, $"{name}: catior failed: {stderr}");

        Assert.Equal(expected.Split('\n'), IorDescription.Describe(CorbaObjectReference.Parse(ior), hexKey: true).Split('\n'));
    }

    [Fact]
    public void Catior_decodes_the_IOR_a_Steward_server_writes_with_its_code_sets_and_ORB_type()
    {
        var ior = SampleIors.Steward("127.0.0.1", 20809, "StewardTest").ToString();

        var (code, stdout, stderr) = OmniOrbPeer.Run(OmniOrbPeer.CatiorPath, ior);

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n');
        Assert.Equal("Type ID: \"IDL:Test/Operations:1.0\"", lines[0]);
        Assert.Equal("1. IIOP 1.2 127.0.0.1 20809 \"StewardTest\"", lines[2]);
        Assert.Equal("      TAG_ORB_TYPE (unknown) (STW\\x00)", lines[3]);
        Assert.Equal("      TAG_CODE_SETS char native code set:       UTF-8", lines[4]);
        Assert.Equal("                    char conversion code sets:  ISO-8859-1", lines[5]);
        Assert.Equal("                    wchar native code set:      UTF-16", lines[6]);
    }

    [Fact]
    public void Catior_refuses_a_truncated_IOR_and_so_does_Parse()
    {
        var ior = SampleIors.Steward().ToString()[..^12];

        var (code, _, _) = OmniOrbPeer.Run(OmniOrbPeer.CatiorPath, ior);

        Assert.NotEqual(0, code);
        Assert.Equal("BAD_PARAM", Assert.Throws<CorbaSystemException>(() => CorbaObjectReference.Parse(ior)).Name);
    }
}
