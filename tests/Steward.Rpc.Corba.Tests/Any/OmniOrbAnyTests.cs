namespace Steward.Rpc.Corba.Tests.Any;

/// <summary>
/// Anys as omniORB 4.2 marshals them (alias TypeCodes, member names, its own padding bytes) decode to the values
/// anypeer put in them, and every any Steward writes is one omniORB unmarshals and extracts with the same value.
/// </summary>
public class OmniOrbAnyTests
{
    public static TheoryData<string> Names => [.. TestTypes.Names];

    private static readonly Lazy<Dictionary<string, byte[]>> OmniOrbEncodings = new(() =>
    {
        var (code, stdout, stderr) = OmniOrbPeer.Run(OmniOrbPeer.AnyPeerPath, "encode");
        Assert.True(code == 0, stderr);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => Convert.FromHexString(parts[1]));
    });

    [Theory]
    [MemberData(nameof(Names))]
    public void An_any_omniORB_marshals_decodes_to_its_TypeCode_and_value(string name)
    {
        var bytes = OmniOrbEncodings.Value[name];

        var any = TestTypes.Decode(bytes);

        var expected = TestTypes.Make(name);
        Assert.True(any.Type.Equal(expected.Type), $"{any.Type} is not equal to {expected.Type}");
        Assert.Equal(expected, any);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void An_any_Steward_writes_is_unmarshalled_by_omniORB_with_the_same_value(string name)
    {
        var hex = Convert.ToHexString(TestTypes.Encode(TestTypes.Make(name)));

        var (code, stdout, stderr) = OmniOrbPeer.Run(OmniOrbPeer.AnyPeerPath, "decode", name, hex);

        Assert.True(code == 0, $"{stdout}{stderr}");
        Assert.Equal("ok\n", stdout);
    }

    [Fact]
    public void The_long_sequence_omniORB_sends_keeps_its_alias_TypeCode_and_reads_as_an_int_array()
    {
        var any = TestTypes.Decode(OmniOrbEncodings.Value["longseq"]);

        Assert.Equal(TCKind.Alias, any.Type.Kind);
        Assert.Equal("IDL:Test/LongSeq:1.0", any.Type.Id);
        Assert.Equal(TCKind.Sequence, any.Type.ContentType!.Kind);
        Assert.Equal(new[] { 1, -2, 300000 }, any.Get<int[]>());
    }

    [Fact]
    public void Writing_back_what_omniORB_sent_is_accepted_by_omniORB()
    {
        foreach (var name in TestTypes.Names)
        {
            var echoed = TestTypes.Encode(TestTypes.Decode(OmniOrbEncodings.Value[name]));

            var (code, stdout, _) = OmniOrbPeer.Run(OmniOrbPeer.AnyPeerPath, "decode", name, Convert.ToHexString(echoed));

            Assert.True(code == 0, $"{name}: {stdout}");
        }
    }
}
