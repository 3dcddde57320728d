namespace Steward.Rpc.Corba;

/// <summary>One tagged profile of an IOR: a protocol tag (TAG_INTERNET_IOP = 0 for IIOP) and its encapsulated body.</summary>
public sealed record TaggedProfile(uint Tag, byte[] Data)
{
    /// <summary>TAG_INTERNET_IOP: an IIOP profile.</summary>
    public const uint InternetIop = 0;

    /// <summary>TAG_MULTIPLE_COMPONENTS.</summary>
    public const uint MultipleComponents = 1;
}

/// <summary>
/// An interoperable object reference (IOR): the most-derived interface's repository id and the profiles
/// that say how to reach the object. A nil reference has an empty type id and no profiles. CDR carries it
/// as a string and a sequence of tagged profiles; <c>IOR:</c> strings are its encapsulation in hex.
/// </summary>
public sealed partial class CorbaObjectReference
{
    /// <summary>A reference of type <paramref name="typeId"/> with <paramref name="profiles"/>.</summary>
    public CorbaObjectReference(string typeId, IReadOnlyList<TaggedProfile> profiles)
    {
        TypeId = typeId ?? throw new ArgumentNullException(nameof(typeId));
        Profiles = profiles ?? throw new ArgumentNullException(nameof(profiles));
    }

    /// <summary>The nil reference.</summary>
    public static CorbaObjectReference Nil { get; } = new("", []);

    /// <summary>The repository id of the object's most-derived interface, as its server announced it (may be empty).</summary>
    public string TypeId { get; }

    /// <summary>The profiles, in the order the server wrote them.</summary>
    public IReadOnlyList<TaggedProfile> Profiles { get; }

    /// <summary>True for the nil reference (no profiles).</summary>
    public bool IsNil => Profiles.Count == 0;

    /// <summary>Writes <paramref name="reference"/> (null writes the nil reference) as CDR.</summary>
    public static void Write(CdrOutputStream output, CorbaObjectReference? reference)
    {
        ArgumentNullException.ThrowIfNull(output);
        reference ??= Nil;
        output.WriteString(reference.TypeId);
        output.WriteLength(reference.Profiles.Count);
        foreach (var profile in reference.Profiles)
        {
            output.WriteULong(profile.Tag);
            output.WriteOctetSequence(profile.Data);
        }
    }

    /// <summary>Reads a reference (the nil reference when it has no profiles).</summary>
    public static CorbaObjectReference Read(CdrInputStream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var typeId = input.ReadString();
        var count = input.ReadLength(8);
        if (count == 0)
        {
            return typeId.Length == 0 ? Nil : new CorbaObjectReference(typeId, []);
        }
        var profiles = new TaggedProfile[count];
        for (var i = 0; i < count; i++)
        {
            var tag = input.ReadULong();
            profiles[i] = new TaggedProfile(tag, input.ReadOctetSequence());
        }
        return new CorbaObjectReference(typeId, profiles);
    }
}
