using System.Globalization;
using System.Text;

namespace Steward.Rpc.Corba;

// Minimal IOR-string and corbaloc handling for the transport until the IOR helpers (h3) land; then these delegate to them.

/// <summary><c>IOR:</c> strings (the reference's encapsulation in hex) and <c>corbaloc:iiop:</c> URLs.</summary>
internal static class CorbaReferenceText
{
    public const int DefaultPort = 2809;

    public static string ToIor(CorbaObjectReference reference)
    {
        var output = new CdrOutputStream(GiopVersion.V1_2, CodeSets.Default);
        output.BeginEncapsulation();
        CorbaObjectReference.Write(output, reference);
        output.EndEncapsulation();
        return "IOR:" + Convert.ToHexString(output.WrittenSpan[4..]).ToLowerInvariant();
    }

    /// <summary>An <c>IOR:</c> string, a <c>corbaloc:</c> URL or a <c>corbaname:</c> URL's object part (its key defaulting to NameService).</summary>
    public static CorbaObjectReference Parse(string text, CdrLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.StartsWith("IOR:", StringComparison.OrdinalIgnoreCase))
        {
            return ParseIor(text, limits ?? CdrLimits.Default);
        }
        if (text.StartsWith("corbaloc:", StringComparison.OrdinalIgnoreCase))
        {
            return ParseCorbaloc(text["corbaloc:".Length..], requireKey: true);
        }
        if (text.StartsWith("corbaname:", StringComparison.OrdinalIgnoreCase))
        {
            var hash = text.IndexOf('#', StringComparison.Ordinal);
            var location = hash < 0 ? text["corbaname:".Length..] : text["corbaname:".Length..hash];
            return ParseCorbaloc(location, requireKey: false);
        }
        throw CorbaSystemException.BadParam($"'{text}' is neither an IOR: string nor a corbaloc: or corbaname: URL.");
    }

    private static CorbaObjectReference ParseIor(string text, CdrLimits limits)
    {
        var hex = text.AsSpan(4);
        if (hex.Length % 2 != 0 || hex.Length < 2)
        {
            throw CorbaSystemException.BadParam("An IOR string has an even number of hex digits.");
        }
        byte[] data;
        try
        {
            data = Convert.FromHexString(hex);
        }
        catch (FormatException ex)
        {
            throw new CorbaSystemException("BAD_PARAM", 0, CompletionStatus.No, "An IOR string holds only hex digits after 'IOR:'.", ex);
        }
        return CorbaObjectReference.Read(GiopCodec.OpenEncapsulation(data, limits));
    }

    private static CorbaObjectReference ParseCorbaloc(string body, bool requireKey)
    {
        var slash = body.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 && requireKey)
        {
            throw CorbaSystemException.BadParam("A corbaloc URL ends with /key.");
        }
        var addresses = slash < 0 ? body : body[..slash];
        var key = slash < 0 ? Encoding.ASCII.GetBytes("NameService") : Unescape(body[(slash + 1)..]);
        if (key.Length == 0 && !requireKey)
        {
            key = Encoding.ASCII.GetBytes("NameService");
        }
        var profiles = new List<TaggedProfile>();
        foreach (var address in addresses.Split(','))
        {
            string rest;
            if (address.StartsWith("iiop:", StringComparison.OrdinalIgnoreCase))
            {
                rest = address[5..];
            }
            else if (address.StartsWith(':'))
            {
                rest = address[1..];
            }
            else
            {
                throw CorbaSystemException.BadParam($"corbaloc address '{address}' is not iiop: (rir: is not supported).");
            }
            var version = GiopVersion.V1_2;
            var at = rest.IndexOf('@', StringComparison.Ordinal);
            if (at >= 0)
            {
                var parts = rest[..at].Split('.');
                if (parts.Length != 2 || !byte.TryParse(parts[0], CultureInfo.InvariantCulture, out var major) || !byte.TryParse(parts[1], CultureInfo.InvariantCulture, out var minor))
                {
                    throw CorbaSystemException.BadParam($"'{rest[..at]}' is not an IIOP version.");
                }
                version = new GiopVersion(major, minor);
                rest = rest[(at + 1)..];
            }
            string host;
            var port = DefaultPort;
            string? portText = null;
            if (rest.StartsWith('['))
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                if (close < 0)
                {
                    throw CorbaSystemException.BadParam($"'{rest}' has no closing ']'.");
                }
                host = rest[1..close];
                if (close + 1 < rest.Length && rest[close + 1] == ':')
                {
                    portText = rest[(close + 2)..];
                }
            }
            else
            {
                var colon = rest.LastIndexOf(':');
                host = colon < 0 ? rest : rest[..colon];
                portText = colon < 0 ? null : rest[(colon + 1)..];
            }
            if (!string.IsNullOrEmpty(portText) && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
            {
                throw CorbaSystemException.BadParam($"'{portText}' is not a port.");
            }
            if (host.Length == 0)
            {
                host = "localhost";
            }
            profiles.Add(new IiopProfile(version, host, (ushort)port, key, []).ToTaggedProfile());
        }
        return new CorbaObjectReference("", profiles);
    }

    private static byte[] Unescape(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%')
            {
                if (i + 2 >= text.Length || !byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
                {
                    throw CorbaSystemException.BadParam($"Bad %-escape in corbaloc key '{text}'.");
                }
                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }
        return [.. bytes];
    }
}

/// <summary>The TAG_CODE_SETS component (CONV_FRAME::CodeSetComponentInfo) and the client's choice of transmission code sets.</summary>
internal static class CorbaCodeSetComponent
{
    /// <summary>What Steward's IORs offer: char UTF-8 natively (ISO-8859-1 by conversion), wchar UTF-16.</summary>
    public static TaggedComponent EncodeServerDefault() =>
        Encode(CodeSets.Utf8, [CodeSets.Iso8859_1], CodeSets.Utf16, []);

    public static TaggedComponent Encode(uint charNative, uint[] charConversions, uint wcharNative, uint[] wcharConversions)
    {
        var output = new CdrOutputStream(GiopVersion.V1_2, CodeSets.Default);
        output.BeginEncapsulation();
        output.WriteULong(charNative);
        output.WriteSequence(charConversions, static (o, v) => o.WriteULong(v));
        output.WriteULong(wcharNative);
        output.WriteSequence(wcharConversions, static (o, v) => o.WriteULong(v));
        output.EndEncapsulation();
        return new TaggedComponent(TaggedComponent.CodeSets, output.WrittenSpan[4..].ToArray());
    }

    /// <summary>
    /// The code sets a Steward client uses with a server whose profile has <paramref name="components"/>: UTF-8 chars
    /// when the server speaks UTF-8 (natively or by conversion), else ISO-8859-1; UTF-16 wchars when it speaks UTF-16,
    /// else none. Null when the profile has no TAG_CODE_SETS (no negotiation: the defaults, no CodeSets context).
    /// </summary>
    public static CodeSets? Choose(IReadOnlyList<TaggedComponent> components, CdrLimits limits)
    {
        foreach (var component in components)
        {
            if (component.Tag != TaggedComponent.CodeSets)
            {
                continue;
            }
            var input = GiopCodec.OpenEncapsulation(component.Data, limits);
            var charNative = input.ReadULong();
            var charConversions = input.ReadSequence(static i => i.ReadULong(), 4);
            var wcharNative = input.ReadULong();
            var wcharConversions = input.ReadSequence(static i => i.ReadULong(), 4);
            var chars = charNative == CodeSets.Utf8 || charConversions.Contains(CodeSets.Utf8) ? CodeSets.Utf8 : CodeSets.Iso8859_1;
            var wchars = wcharNative == CodeSets.Utf16 || wcharConversions.Contains(CodeSets.Utf16) ? CodeSets.Utf16 : CodeSets.None;
            return new CodeSets(chars, wchars);
        }
        return null;
    }
}
