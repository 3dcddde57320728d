namespace Steward.Rpc.Corba;

/// <summary>A reply's status (GIOP ReplyStatusType); the last two exist from GIOP 1.2 on.</summary>
internal enum GiopReplyStatus : uint
{
    NoException = 0,
    UserException = 1,
    SystemException = 2,
    LocationForward = 3,
    LocationForwardPerm = 4,
    NeedsAddressingMode = 5,
}

/// <summary>A LocateReply's status (GIOP LocateStatusType); the last three exist from GIOP 1.2 on.</summary>
internal enum GiopLocateStatus : uint
{
    UnknownObject = 0,
    ObjectHere = 1,
    ObjectForward = 2,
    ObjectForwardPerm = 3,
    LocSystemException = 4,
    LocNeedsAddressingMode = 5,
}

/// <summary>One IOP::ServiceContext: an id and its (encapsulated) data, kept as bytes.</summary>
internal sealed record GiopServiceContext(uint Id, byte[] Data)
{
    /// <summary>IOP::CodeSets: the transmission code sets the client chose.</summary>
    public const uint CodeSetsId = 1;

    /// <summary>The CodeSets context for <paramref name="codeSets"/>: an encapsulation of the char and wchar ids.</summary>
    public static GiopServiceContext ForCodeSets(CodeSets codeSets)
    {
        var output = CdrOutputStream.ForEncapsulationData();
        output.WriteULong(codeSets.Char);
        output.WriteULong(codeSets.WChar);
        return new GiopServiceContext(CodeSetsId, output.ToEncapsulationData());
    }

    /// <summary>The code sets in a CodeSets context; MARSHAL when its data is malformed.</summary>
    public CodeSets ReadCodeSets(CdrLimits limits)
    {
        var input = CdrInputStream.OpenEncapsulation(Data, limits);
        return new CodeSets(input.ReadULong(), input.ReadULong());
    }

    public static void WriteList(CdrOutputStream output, IReadOnlyList<GiopServiceContext> contexts)
    {
        output.WriteLength(contexts.Count);
        foreach (var context in contexts)
        {
            output.WriteULong(context.Id);
            output.WriteOctetSequence(context.Data);
        }
    }

    public static GiopServiceContext[] ReadList(CdrInputStream input)
    {
        var count = input.ReadLength(8);
        if (count == 0)
        {
            return [];
        }
        var contexts = new GiopServiceContext[count];
        for (var i = 0; i < count; i++)
        {
            var id = input.ReadULong();
            contexts[i] = new GiopServiceContext(id, input.ReadOctetSequence());
        }
        return contexts;
    }
}

/// <summary>
/// A GIOP 1.2 TargetAddress: the object key itself (KeyAddr), or an IIOP profile (ProfileAddr), or an IOR with
/// the index of the profile the client chose (ReferenceAddr). GIOP 1.0 and 1.1 always send the key.
/// </summary>
internal sealed record GiopTarget(short Disposition, byte[]? ObjectKey, TaggedProfile? Profile, uint ProfileIndex, CorbaObjectReference? Reference)
{
    public const short KeyAddr = 0;
    public const short ProfileAddr = 1;
    public const short ReferenceAddr = 2;

    public static GiopTarget ForKey(byte[] key) => new(KeyAddr, key, null, 0, null);

    /// <summary>The object key, found in the profile for ProfileAddr and ReferenceAddr; MARSHAL when there is none.</summary>
    public byte[] ResolveKey(CdrLimits limits)
    {
        if (ObjectKey is not null)
        {
            return ObjectKey;
        }
        var profile = Profile;
        if (profile is null && Reference is not null)
        {
            if (ProfileIndex >= (uint)Reference.Profiles.Count)
            {
                throw CorbaSystemException.Marshal($"ReferenceAddr selects profile {ProfileIndex} of {Reference.Profiles.Count}.");
            }
            profile = Reference.Profiles[(int)ProfileIndex];
        }
        if (profile is null || profile.Tag != TaggedProfile.InternetIop)
        {
            throw CorbaSystemException.Marshal("The target address holds no IIOP profile.");
        }
        return IiopProfile.Decode(profile, limits).ObjectKey;
    }

    public void Write(CdrOutputStream output)
    {
        output.WriteShort(Disposition);
        switch (Disposition)
        {
            case KeyAddr:
                output.WriteOctetSequence(ObjectKey);
                break;
            case ProfileAddr:
                output.WriteULong(Profile!.Tag);
                output.WriteOctetSequence(Profile.Data);
                break;
            default:
                output.WriteULong(ProfileIndex);
                CorbaObjectReference.Write(output, Reference);
                break;
        }
    }

    public static GiopTarget Read(CdrInputStream input)
    {
        var disposition = input.ReadShort();
        switch (disposition)
        {
            case KeyAddr:
                return ForKey(input.ReadOctetSequence());
            case ProfileAddr:
                var tag = input.ReadULong();
                return new GiopTarget(ProfileAddr, null, new TaggedProfile(tag, input.ReadOctetSequence()), 0, null);
            case ReferenceAddr:
                var index = input.ReadULong();
                return new GiopTarget(ReferenceAddr, null, null, index, CorbaObjectReference.Read(input));
            default:
                throw CorbaSystemException.Marshal($"TargetAddress discriminator {disposition} is not 0, 1 or 2.");
        }
    }
}

/// <summary>A decoded Request: its header fields, and where its body starts in <see cref="Message"/>.</summary>
internal sealed class GiopRequest
{
    public required GiopVersion Version { get; init; }
    public required bool LittleEndian { get; init; }
    public required uint RequestId { get; init; }
    /// <summary>GIOP 1.2 response flags (0 oneway, 1 SYNC_WITH_SERVER, 3 a reply is expected); 0 or 3 from a 1.0/1.1 response_expected.</summary>
    public required byte ResponseFlags { get; init; }
    public required GiopTarget Target { get; init; }
    public required string Operation { get; init; }
    public required GiopServiceContext[] Contexts { get; init; }
    public byte[] Principal { get; init; } = [];
    public required byte[] Message { get; init; }
    public required int BodyOffset { get; init; }

    /// <summary>True when the client waits for a reply (twoway, or a 1.2 SYNC_WITH_SERVER oneway).</summary>
    public bool ResponseExpected => (ResponseFlags & 1) != 0;

    /// <summary>The body's reader, with the connection's code sets.</summary>
    public CdrInputStream OpenBody(CodeSets codeSets, CdrLimits limits) =>
        GiopCodec.OpenBody(Message, BodyOffset, LittleEndian, Version, codeSets, limits);
}

/// <summary>A decoded Reply: the request it answers, its status, and where its body starts in <see cref="Message"/>.</summary>
internal sealed class GiopReply
{
    public required GiopVersion Version { get; init; }
    public required bool LittleEndian { get; init; }
    public required uint RequestId { get; init; }
    public required GiopReplyStatus Status { get; init; }
    public required GiopServiceContext[] Contexts { get; init; }
    public required byte[] Message { get; init; }
    public required int BodyOffset { get; init; }

    public CdrInputStream OpenBody(CodeSets codeSets, CdrLimits limits) =>
        GiopCodec.OpenBody(Message, BodyOffset, LittleEndian, Version, codeSets, limits);
}

/// <summary>A decoded LocateRequest.</summary>
internal sealed record GiopLocateRequest(GiopVersion Version, uint RequestId, GiopTarget Target);

/// <summary>A decoded LocateReply, with where its body (an IOR, a system exception) starts.</summary>
internal sealed class GiopLocateReply
{
    public required GiopVersion Version { get; init; }
    public required bool LittleEndian { get; init; }
    public required uint RequestId { get; init; }
    public required GiopLocateStatus Status { get; init; }
    public required byte[] Message { get; init; }
    public required int BodyOffset { get; init; }

    public CdrInputStream OpenBody(CdrLimits limits) =>
        GiopCodec.OpenBody(Message, BodyOffset, LittleEndian, Version, CodeSets.Default, limits);
}
