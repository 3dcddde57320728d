using System.Diagnostics.CodeAnalysis;

namespace Steward.Rpc.Corba;

public sealed partial class CorbaObjectReference
{
    /// <summary>BAD_PARAM minor 7 (OMG): string_to_object met a scheme it does not know.</summary>
    public const uint BadSchemeMinor = CorbaSystemException.OmgMinorBase | 7;

    /// <summary>BAD_PARAM minor 8 (OMG): string_to_object met a bad address.</summary>
    public const uint BadAddressMinor = CorbaSystemException.OmgMinorBase | 8;

    /// <summary>BAD_PARAM minor 9 (OMG): string_to_object met a bad scheme-specific part.</summary>
    public const uint BadSchemeSpecificPartMinor = CorbaSystemException.OmgMinorBase | 9;

    /// <summary>The stringified reference: <c>IOR:</c> and the lower-case hex of its little-endian encapsulation.</summary>
    public override string ToString() => "IOR:" + Convert.ToHexStringLower(ToEncapsulation());

    /// <summary>The reference as an encapsulation: the byte-order octet, the type id, the profiles.</summary>
    public byte[] ToEncapsulation()
    {
        var output = CdrOutputStream.ForEncapsulationData();
        Write(output, this);
        return output.ToEncapsulationData();
    }

    /// <summary>A reference from its encapsulation (<see cref="ToEncapsulation"/>); malformed data is a MARSHAL.</summary>
    public static CorbaObjectReference FromEncapsulation(byte[] data, CdrLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length == 0)
        {
            throw CorbaSystemException.Marshal("An encapsulated IOR holds at least its byte-order octet.");
        }
        var input = CdrInputStream.OpenEncapsulation(data, limits);
        return Read(input);
    }

    /// <summary>
    /// A reference from a string, as string_to_object reads it: <c>IOR:</c> and hex digits (either case), or a
    /// <c>corbaloc:</c> URL (a reference with an empty type id and one IIOP profile per address, see
    /// <see cref="CorbaUrl"/>). A <c>corbaname:</c> URL needs a naming lookup and is refused here. Anything
    /// malformed is a BAD_PARAM whose message says what is wrong (minor 7: unknown scheme, 8: bad address,
    /// 9: bad IOR contents or URL syntax).
    /// </summary>
    public static CorbaObjectReference Parse(string text, CdrLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.StartsWith("IOR:", StringComparison.OrdinalIgnoreCase))
        {
            return ParseIor(text.AsSpan(4), limits);
        }
        var url = CorbaUrl.Parse(text);
        if (url.Scheme == CorbaUrlScheme.CorbaName)
        {
            throw CorbaSystemException.BadParam("A corbaname: URL names an object in a naming context: resolve it with the naming client.", BadSchemeSpecificPartMinor);
        }
        return url.ToObjectReference();
    }

    /// <summary>Like <see cref="Parse"/>, returning false instead of raising BAD_PARAM.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CorbaObjectReference? reference)
    {
        reference = null;
        if (text is null)
        {
            return false;
        }
        try
        {
            reference = Parse(text);
            return true;
        }
        catch (CorbaSystemException)
        {
            return false;
        }
    }

    private static CorbaObjectReference ParseIor(ReadOnlySpan<char> hex, CdrLimits? limits)
    {
        if (hex.Length == 0 || hex.Length % 2 != 0)
        {
            throw CorbaSystemException.BadParam($"An IOR: string has an even, non-zero number of hex digits, not {hex.Length}.", BadSchemeSpecificPartMinor);
        }
        if ((limits ?? CdrLimits.Default).MaxMessageSize < hex.Length / 2)
        {
            throw CorbaSystemException.BadParam($"An IOR of {hex.Length / 2} bytes is larger than a message may be.", BadSchemeSpecificPartMinor);
        }
        var bytes = new byte[hex.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            var high = HexValue(hex[2 * i]);
            var low = HexValue(hex[2 * i + 1]);
            if (high < 0 || low < 0)
            {
                var at = high < 0 ? 2 * i : 2 * i + 1;
                throw CorbaSystemException.BadParam($"'{hex[at]}' at offset {at + 4} of the IOR: string is not a hex digit.", BadSchemeSpecificPartMinor);
            }
            bytes[i] = (byte)((high << 4) | low);
        }
        try
        {
            var input = new CdrInputStream(bytes, littleEndian: true, GiopVersion.V1_2, CodeSets.Default, limits);
            var order = input.ReadOctet();
            if (order > 1)
            {
                throw CorbaSystemException.Marshal($"the byte-order octet is {order}, not 0 or 1");
            }
            var body = new CdrInputStream(bytes.AsMemory(1), order == 1, GiopVersion.V1_2, CodeSets.Default, limits, alignmentOffset: 1);
            var reference = Read(body);
            foreach (var profile in reference.Profiles)
            {
                if (profile.Tag == TaggedProfile.InternetIop)
                {
                    IiopProfile.Decode(profile, limits);
                }
            }
            return reference;
        }
        catch (CorbaSystemException ex) when (ex.Name == "MARSHAL")
        {
            throw new CorbaSystemException("BAD_PARAM", BadSchemeSpecificPartMinor, CompletionStatus.No, $"The IOR: string does not hold a valid IOR: {ex.Message}", ex);
        }
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
