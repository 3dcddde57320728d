namespace Steward.Rpc.Corba;

/// <summary>
/// The tagged components Steward understands in an IIOP profile: TAG_ORB_TYPE, TAG_CODE_SETS (see
/// <see cref="CodeSetComponentInfo"/>) and TAG_ALTERNATE_IIOP_ADDRESS; and the components Steward's servers put in
/// their IORs.
/// </summary>
public static class IiopComponents
{
    /// <summary>omniORB's ORB type id (<c>"ATT\0"</c>, from its AT&amp;T Laboratories origin).</summary>
    public const uint OmniOrbOrbType = 0x41545400;

    /// <summary>
    /// Steward's ORB type id, <c>"STW\0"</c>. It is not an OMG-assigned vendor id (Steward has none): peers print
    /// it as unknown, and nothing depends on it but Steward recognising its own references.
    /// </summary>
    public const uint StewardOrbType = 0x53545700;

    /// <summary>What Steward's servers put in each IIOP 1.2 profile: its ORB type and its code sets (<see cref="CodeSetComponentInfo.Steward"/>).</summary>
    public static IReadOnlyList<TaggedComponent> StewardDefaults { get; } = [OrbType(StewardOrbType), CodeSetComponentInfo.Steward.ToComponent()];

    /// <summary>A TAG_ORB_TYPE component.</summary>
    public static TaggedComponent OrbType(uint orbType)
    {
        var output = CdrOutputStream.ForEncapsulationData();
        output.WriteULong(orbType);
        return new TaggedComponent(TaggedComponent.OrbType, output.ToEncapsulationData());
    }

    /// <summary>A TAG_ALTERNATE_IIOP_ADDRESS component.</summary>
    public static TaggedComponent AlternateAddress(string host, ushort port)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        var output = CdrOutputStream.ForEncapsulationData();
        output.WriteString(host);
        output.WriteUShort(port);
        return new TaggedComponent(TaggedComponent.AlternateIiopAddress, output.ToEncapsulationData());
    }

    /// <summary>The ORB type a TAG_ORB_TYPE component holds; MARSHAL when it is malformed.</summary>
    public static uint ReadOrbType(TaggedComponent component, CdrLimits? limits = null) => Open(component, TaggedComponent.OrbType, limits).ReadULong();

    /// <summary>The host and port a TAG_ALTERNATE_IIOP_ADDRESS component holds; MARSHAL when it is malformed.</summary>
    public static (string Host, ushort Port) ReadAlternateAddress(TaggedComponent component, CdrLimits? limits = null)
    {
        var input = Open(component, TaggedComponent.AlternateIiopAddress, limits);
        return (input.ReadString(), input.ReadUShort());
    }

    /// <summary>Every address of a profile: its own host and port, then those of its TAG_ALTERNATE_IIOP_ADDRESS components.</summary>
    public static IReadOnlyList<(string Host, ushort Port)> Addresses(IiopProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var addresses = new List<(string, ushort)> { (profile.Host, profile.Port) };
        foreach (var component in profile.Components)
        {
            if (component.Tag == TaggedComponent.AlternateIiopAddress)
            {
                addresses.Add(ReadAlternateAddress(component));
            }
        }
        return addresses;
    }

    /// <summary>A reader of a component's encapsulated data (the component data is the encapsulation without its length).</summary>
    internal static CdrInputStream Open(TaggedComponent component, uint tag, CdrLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(component);
        if (component.Tag != tag)
        {
            throw CorbaSystemException.BadParam($"Component tag {component.Tag} is not {tag}.");
        }
        return CdrInputStream.OpenEncapsulation(component.Data, limits);
    }
}
