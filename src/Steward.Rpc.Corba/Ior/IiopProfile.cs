namespace Steward.Rpc.Corba;

/// <summary>One tagged component of an IIOP 1.1+ profile (TAG_CODE_SETS = 1, TAG_ORB_TYPE = 0, ...): a tag and its encapsulated data.</summary>
public sealed record TaggedComponent(uint Tag, byte[] Data)
{
    /// <summary>TAG_ORB_TYPE: the vendor's ORB type id.</summary>
    public const uint OrbType = 0;

    /// <summary>TAG_CODE_SETS: the native and conversion code sets the server speaks.</summary>
    public const uint CodeSets = 1;

    /// <summary>TAG_ALTERNATE_IIOP_ADDRESS: another host and port where the same object is reachable.</summary>
    public const uint AlternateIiopAddress = 3;

    /// <summary>TAG_OMNIORB_PERSISTENT_ID: omniORB's id of a persistent POA's objects (read, never written by Steward).</summary>
    public const uint OmniOrbPersistentId = 0x41545403;
}

/// <summary>
/// The body of a TAG_INTERNET_IOP profile: the IIOP version, where to connect, the object key to send in
/// each request, and (IIOP 1.1 and later) tagged components.
/// </summary>
public sealed record IiopProfile(GiopVersion Version, string Host, ushort Port, byte[] ObjectKey, IReadOnlyList<TaggedComponent> Components)
{
    /// <summary>This profile as a <see cref="TaggedProfile"/> (its body is a little-endian encapsulation).</summary>
    public TaggedProfile ToTaggedProfile()
    {
        var output = CdrOutputStream.ForEncapsulationData();
        output.WriteOctet(Version.Major);
        output.WriteOctet(Version.Minor);
        output.WriteString(Host);
        output.WriteUShort(Port);
        output.WriteOctetSequence(ObjectKey);
        if (Version.IsAtLeast(1, 1))
        {
            output.WriteLength(Components.Count);
            foreach (var component in Components)
            {
                output.WriteULong(component.Tag);
                output.WriteOctetSequence(component.Data);
            }
        }
        // The profile's data is the encapsulation without its length (the sequence<octet> carries that).
        return new TaggedProfile(TaggedProfile.InternetIop, output.ToEncapsulationData());
    }

    /// <summary>Decodes the body of a TAG_INTERNET_IOP profile; malformed data is a MARSHAL.</summary>
    public static IiopProfile Decode(TaggedProfile profile, CdrLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Tag != TaggedProfile.InternetIop)
        {
            throw CorbaSystemException.BadParam($"Profile tag {profile.Tag} is not TAG_INTERNET_IOP.");
        }
        var input = CdrInputStream.OpenEncapsulation(profile.Data, limits);
        var version = new GiopVersion(input.ReadOctet(), input.ReadOctet());
        var host = input.ReadString();
        var port = input.ReadUShort();
        var key = input.ReadOctetSequence();
        var components = new List<TaggedComponent>();
        if (version.IsAtLeast(1, 1) && input.Remaining > 0)
        {
            var count = input.ReadLength(8);
            for (var i = 0; i < count; i++)
            {
                var tag = input.ReadULong();
                components.Add(new TaggedComponent(tag, input.ReadOctetSequence()));
            }
        }
        return new IiopProfile(version, host, port, key, components);
    }
}

public sealed partial class CorbaObjectReference
{
    /// <summary>A reference with one IIOP profile.</summary>
    public static CorbaObjectReference ForIiop(string typeId, IiopProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new CorbaObjectReference(typeId, [profile.ToTaggedProfile()]);
    }

    /// <summary>The first IIOP profile, decoded; null when the reference has none.</summary>
    public IiopProfile? FindIiopProfile(CdrLimits? limits = null)
    {
        foreach (var profile in Profiles)
        {
            if (profile.Tag == TaggedProfile.InternetIop)
            {
                return IiopProfile.Decode(profile, limits);
            }
        }
        return null;
    }
}
