namespace Steward.Rpc.Corba;

/// <summary>One half of TAG_CODE_SETS: a native code set (0: none given) and the conversion code sets, as OSF registry ids.</summary>
public sealed record CodeSetComponent(uint NativeCodeSet, IReadOnlyList<uint> ConversionCodeSets)
{
    /// <summary>Equal when the native code set and the conversion code sets (in order) are.</summary>
    public bool Equals(CodeSetComponent? other) =>
        other is not null && NativeCodeSet == other.NativeCodeSet && ConversionCodeSets.SequenceEqual(other.ConversionCodeSets);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(NativeCodeSet, ConversionCodeSets.Count);
}

/// <summary>
/// The TAG_CODE_SETS component (CONV_FRAME::CodeSetComponentInfo, CORBA 3.0 13.10.2.4): the code sets a server
/// speaks for char and for wchar data, and the code-set negotiation a client runs on it (13.10.2.6).
/// </summary>
public sealed record CodeSetComponentInfo(CodeSetComponent ForChar, CodeSetComponent ForWChar)
{
    /// <summary>
    /// Steward's code sets, in the IORs its servers write and as the client side of negotiation: native char UTF-8
    /// with ISO-8859-1 as conversion, native wchar UTF-16 (also listed as conversion, as omniORB lists it).
    /// (omniORB's default differs: native char ISO-8859-1 with UTF-8 as conversion.)
    /// </summary>
    public static CodeSetComponentInfo Steward { get; } = new(new(CodeSets.Utf8, [CodeSets.Iso8859_1]), new(CodeSets.Utf16, [CodeSets.Utf16]));

    /// <summary>This component as a tagged component for an IIOP profile.</summary>
    public TaggedComponent ToComponent()
    {
        var output = CdrOutputStream.ForEncapsulationData();
        foreach (var half in new[] { ForChar, ForWChar })
        {
            output.WriteULong(half.NativeCodeSet);
            output.WriteLength(half.ConversionCodeSets.Count);
            foreach (var id in half.ConversionCodeSets)
            {
                output.WriteULong(id);
            }
        }
        return new TaggedComponent(TaggedComponent.CodeSets, output.ToEncapsulationData());
    }

    /// <summary>Decodes a TAG_CODE_SETS component; malformed data is a MARSHAL.</summary>
    public static CodeSetComponentInfo Decode(TaggedComponent component, CdrLimits? limits = null)
    {
        var input = IiopComponents.Open(component, TaggedComponent.CodeSets, limits);
        CodeSetComponent Half()
        {
            var native = input.ReadULong();
            return new CodeSetComponent(native, input.ReadSequence(i => i.ReadULong(), 4));
        }
        var forChar = Half();
        return new CodeSetComponentInfo(forChar, Half());
    }

    /// <summary>The TAG_CODE_SETS component of <paramref name="profile"/>, or null when it has none.</summary>
    public static CodeSetComponentInfo? Find(IiopProfile profile, CdrLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var component = profile.Components.FirstOrDefault(c => c.Tag == TaggedComponent.CodeSets);
        return component is null ? null : Decode(component, limits);
    }

    /// <summary>
    /// The transmission code sets a Steward client uses with the server whose profile is <paramref name="profile"/>:
    /// GIOP 1.0 and profiles without TAG_CODE_SETS get <see cref="CodeSets.Default"/> (ISO-8859-1, no wchar), as
    /// omniORB does; otherwise <see cref="Negotiate"/> with Steward's own code sets as the client's.
    /// </summary>
    public static CodeSets ChooseTransmissionCodeSets(IiopProfile profile, CdrLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!profile.Version.IsAtLeast(1, 1))
        {
            return CodeSets.Default;
        }
        var server = Find(profile, limits);
        return server is null ? CodeSets.Default : Negotiate(Steward, server);
    }

    /// <summary>
    /// CORBA's code-set negotiation (13.10.2.6), for char and for wchar separately: the client's native code set
    /// when it is the server's native or one the server converts from; else the server's native when the client
    /// converts to it; else the first of the server's conversion code sets the client also converts to; else the
    /// fallback (UTF-8 for char, UTF-16 for wchar), as omniORB falls back rather than raising CODESET_INCOMPATIBLE.
    /// A server that gives no wchar code set at all gets none (<see cref="CodeSets.None"/>): wchar data then cannot
    /// be sent.
    /// </summary>
    public static CodeSets Negotiate(CodeSetComponentInfo client, CodeSetComponentInfo server)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(server);
        var forChar = Choose(client.ForChar, server.ForChar, CodeSets.Utf8);
        var forWChar = Choose(client.ForWChar, server.ForWChar, CodeSets.Utf16);
        return new CodeSets(forChar == CodeSets.None ? CodeSets.Iso8859_1 : forChar, forWChar);
    }

    private static uint Choose(CodeSetComponent client, CodeSetComponent server, uint fallback)
    {
        if (server.NativeCodeSet == CodeSets.None && server.ConversionCodeSets.Count == 0)
        {
            return CodeSets.None;
        }
        if (client.NativeCodeSet != CodeSets.None && (client.NativeCodeSet == server.NativeCodeSet || server.ConversionCodeSets.Contains(client.NativeCodeSet)))
        {
            return client.NativeCodeSet;
        }
        if (server.NativeCodeSet != CodeSets.None && client.ConversionCodeSets.Contains(server.NativeCodeSet))
        {
            return server.NativeCodeSet;
        }
        foreach (var id in server.ConversionCodeSets)
        {
            if (id != CodeSets.None && client.ConversionCodeSets.Contains(id))
            {
                return id;
            }
        }
        return fallback;
    }
}
