using System.Globalization;
using System.Text;

namespace Steward.Rpc.Corba;

/// <summary>
/// Describes an IOR as omniORB 4.2's <c>catior</c> prints it, line for line: the type id, then each profile
/// (IIOP with version, host, port and object key; multiple-components; unrecognised tags) with its tagged
/// components (TAG_ORB_TYPE with catior's vendor names, TAG_CODE_SETS with its code-set names,
/// TAG_ALTERNATE_IIOP_ADDRESS, TAG_OMNIORB_PERSISTENT_ID, and "Unknown component tag N" for the rest).
/// Components catior decodes further (TAG_POLICIES, TAG_SSL_SEC_TRANS, TAG_CSI_SEC_MECH_LIST, omniORB's BIDIR,
/// UNIX_TRANS and RESTRICTED_CONNECTION) are printed as unknown.
/// </summary>
public static class IorDescription
{
    private const string Indent = "      ";

    private static readonly Dictionary<uint, string> OrbVendors = new()
    {
        [0x414e44] = "Androsoft", [0x415058] = "Univ. of Erlangen-Nuernberg", [0x415454] = "omniORB", [0x424243] = "Bionic Buffalo",
        [0x424541] = "BEA", [0x424c55] = "Berry Software", [0x444f47] = "Exoffice Technologies", [0x455249] = "Ericsson",
        [0x464200] = "FloorBoard Software", [0x464a00] = "Fujitsu", [0x475349] = "GemStone Systems", [0x485000] = "HP",
        [0x49424d] = "IBM", [0x494c55] = "Xerox", [0x495349] = "AdNovum Informatik", [0x49545f] = "IONA (Orbix)",
        [0x4a4143] = "JacORB", [0x4a424b] = "SilverStream Software", [0x4c4342] = "2AB", [0x4e4543] = "NEC",
        [0x4e4e4e] = "Rogue Wave", [0x4e4f4b] = "Nokia", [0x4e5344] = "HP", [0x4e5500] = "Nihon Unisys",
        [0x4f414b] = "Camros Corporation", [0x4f4242] = "BEA", [0x4f4254] = "ORBit", [0x4f425f] = "TIBCO",
        [0x4f4953] = "Object Interface Systems", [0x4f4f43] = "IONA (Orbacus)", [0x504f00] = "PolyORB", [0x505443] = "PrismTech",
        [0x524159] = "RayORB", [0x53414e] = "Sankhya Technologies", [0x53554e] = "Sun", [0x54414f] = "TAO",
        [0x544758] = "Top Graph'X", [0x544944] = "Telefonica", [0x564953] = "Borland", [0x564954] = "Vitria",
        [0x574c53] = "BEA", [0x585053] = "PrismTech", [0x585452] = "Xtradyne Technologies", [0x416461] = "AdaOS Project",
        [0x522e43] = "Remoting.Corba",
    };

    private static readonly Dictionary<uint, string> CodeSetNames = CreateCodeSetNames();

    /// <summary>
    /// Writes <paramref name="reference"/> as catior does to <paramref name="output"/>; with <paramref name="hexKey"/>,
    /// object keys in hex (catior -x). A profile that does not decode raises MARSHAL after what came before it was
    /// written, as catior stops there.
    /// </summary>
    public static void Write(TextWriter output, CorbaObjectReference reference, bool hexKey = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Profiles.Count == 0 && reference.TypeId.Length == 0)
        {
            output.Write("IOR is a nil object reference.\n");
            return;
        }
        output.Write($"Type ID: \"{reference.TypeId}\"\nProfiles:\n");
        for (var i = 0; i < reference.Profiles.Count; i++)
        {
            var profile = reference.Profiles[i];
            output.Write(string.Create(CultureInfo.InvariantCulture, $"{i + 1}. "));
            switch (profile.Tag)
            {
                case TaggedProfile.InternetIop:
                    var iiop = IiopProfile.Decode(profile);
                    output.Write(string.Create(CultureInfo.InvariantCulture, $"IIOP {iiop.Version.Major}.{iiop.Version.Minor} {iiop.Host} {iiop.Port} "));
                    output.Write(Key(iiop.ObjectKey, hexKey) + "\n");
                    WriteComponents(output, iiop.Components);
                    output.Write("\n");
                    break;
                case TaggedProfile.MultipleComponents:
                    var components = ReadMultipleComponents(profile.Data);
                    output.Write("Multiple Component Profile ");
                    WriteComponents(output, components);
                    output.Write("\n");
                    break;
                default:
                    output.Write($"Unrecognised profile tag: 0x{profile.Tag:x}\n");
                    break;
            }
        }
    }

    /// <summary>What <see cref="Write"/> writes, as a string.</summary>
    public static string Describe(CorbaObjectReference reference, bool hexKey = false)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        Write(output, reference, hexKey);
        return output.ToString();
    }

    /// <summary>The name catior gives an OSF code-set id: <c>UTF-8</c>, or <c>(0x00011020)</c> for one it does not know.</summary>
    public static string CodeSetName(uint id) => CodeSetNames.TryGetValue(id, out var name) ? name : $"(0x{id:x8})";

    /// <summary>The vendor catior names for an ORB type id (by its top three octets), or <c>(unknown)</c>.</summary>
    public static string OrbVendor(uint orbType) => OrbVendors.TryGetValue(orbType >> 8, out var name) ? name : "(unknown)";

    private static void WriteComponents(TextWriter output, IReadOnlyList<TaggedComponent> components)
    {
        foreach (var component in components)
        {
            string text;
            try
            {
                text = Component(component);
            }
            catch (CorbaSystemException)
            {
                text = string.Create(CultureInfo.InvariantCulture, $"      Broken component with tag {component.Tag}");
            }
            output.Write(Indent + text + "\n");
        }
    }

    private static string Component(TaggedComponent component)
    {
        switch (component.Tag)
        {
            case TaggedComponent.OrbType:
                var orbType = IiopComponents.ReadOrbType(component);
                var octets = new StringBuilder();
                for (var shift = 24; shift >= 0; shift -= 8)
                {
                    Printable(octets, (byte)(orbType >> shift));
                }
                return $"TAG_ORB_TYPE {OrbVendor(orbType)} ({octets})";
            case TaggedComponent.CodeSets:
                var info = CodeSetComponentInfo.Decode(component);
                const string Continue = "\n                    ";
                return $"TAG_CODE_SETS char native code set:       {CodeSetName(info.ForChar.NativeCodeSet)}"
                    + $"{Continue}char conversion code sets:  {string.Join(", ", info.ForChar.ConversionCodeSets.Select(CodeSetName))}"
                    + $"{Continue}wchar native code set:      {CodeSetName(info.ForWChar.NativeCodeSet)}"
                    + $"{Continue}wchar conversion code sets: {string.Join(", ", info.ForWChar.ConversionCodeSets.Select(CodeSetName))}\n";
            case TaggedComponent.AlternateIiopAddress:
                var (host, port) = IiopComponents.ReadAlternateAddress(component);
                return string.Create(CultureInfo.InvariantCulture, $"TAG_ALTERNATE_IIOP_ADDRESS {host} {port}");
            case TaggedComponent.OmniOrbPersistentId:
                return string.Create(CultureInfo.InvariantCulture, $"TAG_OMNIORB_PERSISTENT_ID 0x{Convert.ToHexStringLower(component.Data)}  ({component.Data.Length} bytes)\n");
            default:
                return string.Create(CultureInfo.InvariantCulture, $"Unknown component tag {component.Tag}");
        }
    }

    private static string Key(byte[] key, bool hex)
    {
        if (hex)
        {
            return string.Create(CultureInfo.InvariantCulture, $"0x{Convert.ToHexStringLower(key)}  ({key.Length} bytes)");
        }
        var text = new StringBuilder("\"");
        foreach (var octet in key)
        {
            Printable(text, octet);
        }
        return text.Append('"').ToString();
    }

    private static void Printable(StringBuilder text, byte octet)
    {
        if (octet is >= 0x20 and <= 0x7e)
        {
            text.Append((char)octet);
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"\\x{octet:x2}");
        }
    }

    private static List<TaggedComponent> ReadMultipleComponents(byte[] data)
    {
        var input = CdrInputStream.OpenEncapsulation(data);
        var count = input.ReadLength(8);
        var components = new List<TaggedComponent>(count);
        for (var i = 0; i < count; i++)
        {
            var tag = input.ReadULong();
            components.Add(new TaggedComponent(tag, input.ReadOctetSequence()));
        }
        return components;
    }

    private static Dictionary<uint, string> CreateCodeSetNames()
    {
        var names = new Dictionary<uint, string>
        {
            [0x00010020] = "ISO-646", [0x00010100] = "UCS-2-level-1", [0x00010101] = "UCS-2-level-2", [0x00010102] = "UCS-2-level-3",
            [0x00010106] = "UCS-4", [CodeSets.Utf8] = "UTF-8", [CodeSets.Utf16] = "UTF-16",
            [0x10020025] = "IBM-037", [0x100201f8] = "IBM-500", [0x10040366] = "SNI-EDF-4",
        };
        foreach (var part in new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16 })
        {
            names[0x00010000 + (uint)part] = string.Create(CultureInfo.InvariantCulture, $"ISO-8859-{part}");
        }
        for (var page = 1250u; page <= 1258; page++)
        {
            names[0x10020000 + page] = string.Create(CultureInfo.InvariantCulture, $"windows-{page}");
        }
        return names;
    }
}
