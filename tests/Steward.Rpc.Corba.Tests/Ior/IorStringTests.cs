namespace Steward.Rpc.Corba.Tests.Ior;

public class IorStringTests
{
    [Fact]
    public void An_IOR_string_parses_to_the_reference_it_came_from()
    {
        var reference = SampleIors.Steward();

        var parsed = CorbaObjectReference.Parse(reference.ToString());

        Assert.Equal("IDL:Test/Operations:1.0", parsed.TypeId);
        var profile = parsed.FindIiopProfile()!;
        Assert.Equal(("127.0.0.1", (ushort)20809, "StewardTest"), (profile.Host, profile.Port, System.Text.Encoding.ASCII.GetString(profile.ObjectKey)));
        Assert.Equal(reference.ToString(), parsed.ToString());
    }

    [Fact]
    public void OmniORBs_IOR_reads_with_its_big_or_little_endian_body_and_writes_back_identically()
    {
        var parsed = CorbaObjectReference.Parse(SampleIors.OmniNames);

        Assert.Equal("IDL:omg.org/CosNaming/NamingContextExt:1.0", parsed.TypeId);
        Assert.Equal(SampleIors.OmniNames, parsed.ToString());
    }

    [Fact]
    public void Hex_digits_and_the_prefix_may_be_in_either_case_and_surrounding_blanks_are_ignored()
    {
        var ior = SampleIors.Steward().ToString();

        var parsed = CorbaObjectReference.Parse("  ior:" + ior[4..].ToUpperInvariant() + "\n");

        Assert.Equal(ior, parsed.ToString());
    }

    [Fact]
    public void A_big_endian_IOR_parses()
    {
        var output = new CdrOutputStream(GiopVersion.V1_2, CodeSets.Default, littleEndian: false);
        output.WriteOctet(0);
        CorbaObjectReference.Write(output, SampleIors.Steward());

        var parsed = CorbaObjectReference.Parse("IOR:" + Convert.ToHexString(output.ToArray()));

        Assert.Equal(SampleIors.Steward().ToString(), parsed.ToString());
    }

    [Theory]
    [InlineData("IOR:", "an even, non-zero number of hex digits")]
    [InlineData("IOR:0100000", "an even, non-zero number of hex digits")]
    [InlineData("IOR:01zz", "'z' at offset 6 of the IOR: string is not a hex digit")]
    [InlineData("IOR:02000000", "byte-order octet is 2")]
    [InlineData("IOR:0100000005000000", "does not hold a valid IOR")]
    [InlineData("IOR:010000000100000000ffffffff", "does not hold a valid IOR")]
    public void A_malformed_IOR_string_is_a_bad_param_saying_what_is_wrong(string text, string why)
    {
        var error = Assert.Throws<CorbaSystemException>(() => CorbaObjectReference.Parse(text));

        Assert.Equal("BAD_PARAM", error.Name);
        Assert.Equal(CorbaObjectReference.BadSchemeSpecificPartMinor, error.Minor);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.False(CorbaObjectReference.TryParse(text, out _));
    }

    [Fact]
    public void An_unknown_scheme_is_a_bad_param_with_the_bad_scheme_minor()
    {
        var error = Assert.Throws<CorbaSystemException>(() => CorbaObjectReference.Parse("http://example.org/"));

        Assert.Equal(("BAD_PARAM", CorbaObjectReference.BadSchemeMinor), (error.Name, error.Minor));
    }

    [Fact]
    public void A_corbaloc_URL_parses_to_a_reference_with_one_profile_per_address()
    {
        var parsed = CorbaObjectReference.Parse("corbaloc:iiop:1.2@a:1,:b/Name%20Service");

        Assert.Equal("", parsed.TypeId);
        Assert.Equal(2, parsed.Profiles.Count);
        var second = IiopProfile.Decode(parsed.Profiles[1]);
        Assert.Equal((GiopVersion.V1_0, "b", (ushort)2809, "Name Service"), (second.Version, second.Host, second.Port, System.Text.Encoding.ASCII.GetString(second.ObjectKey)));
    }

    [Fact]
    public void A_corbaname_URL_is_refused_because_it_needs_a_naming_lookup()
    {
        var error = Assert.Throws<CorbaSystemException>(() => CorbaObjectReference.Parse("corbaname::h#a/b"));

        Assert.Contains("naming", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_encapsulation_round_trips()
    {
        var reference = SampleIors.Steward();

        Assert.Equal(reference.ToString(), CorbaObjectReference.FromEncapsulation(reference.ToEncapsulation()).ToString());
    }
}
