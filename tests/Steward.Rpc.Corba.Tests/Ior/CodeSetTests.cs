namespace Steward.Rpc.Corba.Tests.Ior;

public class CodeSetTests
{
    private static readonly CodeSetComponentInfo OmniOrb = new(new(CodeSets.Iso8859_1, [CodeSets.Utf8]), new(CodeSets.Utf16, [CodeSets.Utf16]));

    private static IiopProfile Profile(GiopVersion version, params TaggedComponent[] components) => new(version, "h", 1, [1], components);

    [Fact]
    public void Stewards_component_decodes_to_what_it_says()
    {
        var component = CodeSetComponentInfo.Steward.ToComponent();

        var decoded = CodeSetComponentInfo.Decode(component);

        Assert.Equal(CodeSetComponentInfo.Steward, decoded);
        Assert.Equal(TaggedComponent.CodeSets, component.Tag);
    }

    [Fact]
    public void OmniORBs_own_IOR_component_decodes_to_ISO_8859_1_native_with_UTF_8_conversion()
    {
        var profile = CorbaObjectReference.Parse(SampleIors.OmniNames).FindIiopProfile()!;

        Assert.Equal(OmniOrb, CodeSetComponentInfo.Find(profile));
    }

    [Fact]
    public void Against_omniORB_Steward_chooses_UTF_8_for_char_because_omniORB_converts_from_it_and_UTF_16_for_wchar()
    {
        var profile = CorbaObjectReference.Parse(SampleIors.OmniNames).FindIiopProfile()!;

        Assert.Equal(CodeSets.Native, CodeSetComponentInfo.ChooseTransmissionCodeSets(profile));
    }

    [Fact]
    public void Against_Steward_the_natives_match()
    {
        Assert.Equal(CodeSets.Native, CodeSetComponentInfo.ChooseTransmissionCodeSets(Profile(GiopVersion.V1_2, IiopComponents.StewardDefaults.ToArray())));
    }

    [Fact]
    public void Without_a_code_sets_component_or_in_GIOP_1_0_chars_are_ISO_8859_1_and_wchars_impossible()
    {
        Assert.Equal(CodeSets.Default, CodeSetComponentInfo.ChooseTransmissionCodeSets(Profile(GiopVersion.V1_2)));
        Assert.Equal(CodeSets.Default, CodeSetComponentInfo.ChooseTransmissionCodeSets(Profile(GiopVersion.V1_0, CodeSetComponentInfo.Steward.ToComponent())));
    }

    [Theory]
    [InlineData(CodeSets.Iso8859_1, new uint[0], CodeSets.Iso8859_1, "the server's native, which the client converts to")]
    [InlineData(0x10020025u, new uint[0], CodeSets.Utf8, "nothing in common: the fallback, as omniORB does")]
    [InlineData(0x10020025u, new[] { 0x00010002u, CodeSets.Iso8859_1 }, CodeSets.Iso8859_1, "a conversion code set both sides have")]
    [InlineData(0x10020025u, new[] { CodeSets.Utf8 }, CodeSets.Utf8, "the client's native, which the server converts from")]
    public void Char_negotiation_follows_the_CORBA_rules(uint serverNative, uint[] serverConversions, uint expected, string why)
    {
        var server = new CodeSetComponentInfo(new(serverNative, serverConversions), new(CodeSets.Utf16, []));

        var chosen = CodeSetComponentInfo.Negotiate(CodeSetComponentInfo.Steward, server);

        Assert.True(chosen == new CodeSets(expected, CodeSets.Utf16), $"{why}: got 0x{chosen.Char:x8}");
    }

    [Fact]
    public void A_server_that_gives_no_wchar_code_set_gets_no_wchar()
    {
        var server = new CodeSetComponentInfo(new(CodeSets.Utf8, []), new(0, []));

        Assert.Equal(new CodeSets(CodeSets.Utf8, CodeSets.None), CodeSetComponentInfo.Negotiate(CodeSetComponentInfo.Steward, server));
    }

    [Fact]
    public void A_malformed_code_sets_component_is_a_marshal_error()
    {
        var error = Assert.Throws<CorbaSystemException>(() => CodeSetComponentInfo.Decode(new TaggedComponent(TaggedComponent.CodeSets, [1, 0, 0, 0, 1, 0, 0, 0, 255, 255, 255, 255])));

        Assert.Equal("MARSHAL", error.Name);
    }

    [Fact]
    public void An_alternate_address_and_the_ORB_type_read_back()
    {
        var profile = Profile(GiopVersion.V1_2, IiopComponents.AlternateAddress("10.0.0.2", 2810), IiopComponents.OrbType(IiopComponents.OmniOrbOrbType));

        Assert.Equal([("h", (ushort)1), ("10.0.0.2", (ushort)2810)], IiopComponents.Addresses(profile));
        Assert.Equal(IiopComponents.OmniOrbOrbType, IiopComponents.ReadOrbType(profile.Components[1]));
        Assert.Equal("omniORB", IorDescription.OrbVendor(IiopComponents.OmniOrbOrbType + 5));
    }
}
