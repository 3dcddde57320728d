namespace Steward.Rpc.Corba.Tests.Ior;

/// <summary>IORs for the IOR tests: one omniORB wrote, and Steward-built ones exercising each profile and component.</summary>
internal static class SampleIors
{
    /// <summary>omniNames 4.2's root context (omniNames -start 12399 -ORBendPoint giop:tcp:127.0.0.1:12399), as it logged it.</summary>
    public const string OmniNames = "IOR:010000002b00000049444c3a6f6d672e6f72672f436f734e616d696e672f4e616d696e67436f6e746578744578743a312e30000001000000000000006c000000010102000a0000003132372e302e302e31006f300b0000004e616d6553657276696365000300000000000000080000000100000000545441010000001c0000000100000001000100010000000100010509010100010000000901010003545441080000009738176b01007569";

    public static CorbaObjectReference Steward(string host = "127.0.0.1", ushort port = 20809, string key = "StewardTest") =>
        CorbaObjectReference.ForIiop("IDL:Test/Operations:1.0", new IiopProfile(GiopVersion.V1_2, host, port, System.Text.Encoding.ASCII.GetBytes(key), IiopComponents.StewardDefaults));

    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string> { { "omniNames", OmniNames }, { "steward", Steward().ToString() } };
        data.Add("binary key and alternate address", CorbaObjectReference.ForIiop("IDL:Test/Operations:1.0",
            new IiopProfile(GiopVersion.V1_2, "example.org", 1, [0xff, 0x00, (byte)'a', (byte)'"', (byte)'\\', 0x7f, 0xfe],
                [IiopComponents.AlternateAddress("10.1.2.3", 2810), IiopComponents.OrbType(IiopComponents.OmniOrbOrbType)])).ToString());
        data.Add("IIOP 1.0 without components", CorbaObjectReference.ForIiop("IDL:X:1.0", new IiopProfile(GiopVersion.V1_0, "h", 2809, [1, 2], [])).ToString());
        data.Add("code sets catior does not know", CorbaObjectReference.ForIiop("", new IiopProfile(GiopVersion.V1_1, "h", 2809, [],
            [new CodeSetComponentInfo(new(0x10020025, [0x00010020, 0x12345678, CodeSets.Iso8859_1]), new(0, [])).ToComponent(),
             IiopComponents.OrbType(0x12345678), new TaggedComponent(99, [1, 2, 3]), new TaggedComponent(TaggedComponent.OmniOrbPersistentId, [9, 8])])).ToString());
        data.Add("several profiles", new CorbaObjectReference("IDL:Y:1.0",
            [new IiopProfile(GiopVersion.V1_2, "a", 1, [65], []).ToTaggedProfile(), new TaggedProfile(7, [1, 2, 3]),
             new TaggedProfile(TaggedProfile.MultipleComponents, MultipleComponents()), Steward("b", 2).Profiles[0]]).ToString());
        data.Add("a broken component", CorbaObjectReference.ForIiop("IDL:X:1.0", new IiopProfile(GiopVersion.V1_2, "h", 2809, [1],
            [new TaggedComponent(TaggedComponent.OrbType, [1, 2]), new TaggedComponent(TaggedComponent.CodeSets, [1, 0, 0, 0, 1])])).ToString());
        data.Add("type id without profiles", new CorbaObjectReference("IDL:Z:1.0", []).ToString());
        data.Add("nil", CorbaObjectReference.Nil.ToString());
        return data;
    }

    private static byte[] MultipleComponents()
    {
        var output = new CdrOutputStream();
        output.BeginEncapsulation();
        output.WriteULong(2);
        output.WriteULong(99);
        output.WriteOctetSequence([]);
        var orbType = IiopComponents.OrbType(IiopComponents.StewardOrbType);
        output.WriteULong(orbType.Tag);
        output.WriteOctetSequence(orbType.Data);
        output.EndEncapsulation();
        return output.WrittenSpan[4..].ToArray();
    }
}
