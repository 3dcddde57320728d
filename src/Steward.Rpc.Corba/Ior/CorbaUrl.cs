using System.Globalization;
using System.Text;

namespace Steward.Rpc.Corba;

/// <summary>The scheme of a <see cref="CorbaUrl"/>.</summary>
public enum CorbaUrlScheme
{
    /// <summary><c>corbaloc:</c>: an object at one of the addresses, named by its key.</summary>
    CorbaLoc,
    /// <summary><c>corbaname:</c>: a naming context at one of the addresses, and a name to resolve in it.</summary>
    CorbaName,
}

/// <summary>One IIOP address of a URL: the GIOP version (1.0 when the URL gives none, as the specification says), host and port.</summary>
public sealed record CorbaUrlAddress(GiopVersion Version, string Host, ushort Port);

/// <summary>
/// A <c>corbaloc:</c> or <c>corbaname:</c> URL (CORBA 3.0 13.6.10, CosNaming 2.5.3):
/// <c>corbaloc:iiop:[1.2@]host[:port][,:host2...]/key</c> (<c>corbaloc::host</c> is short for <c>iiop:</c>, the
/// port defaults to 2809, the key is %-escaped) and <c>corbaname:[iiop:]host[:port][/key]#a/b.c</c> (the key
/// defaults to <c>NameService</c>; the part after <c>#</c> is a %-escaped stringified name, see <see cref="CorbaName"/>).
/// <c>rir:</c> and protocols other than IIOP are refused with BAD_PARAM, as is anything malformed.
/// </summary>
public sealed class CorbaUrl
{
    /// <summary>The port a URL address without one means.</summary>
    public const ushort DefaultPort = 2809;

    private const string Unreserved = ";/:?@&=+$,-_.!~*'()";

    private CorbaUrl(CorbaUrlScheme scheme, IReadOnlyList<CorbaUrlAddress> addresses, byte[] objectKey, IReadOnlyList<CorbaNameComponent> name)
    {
        Scheme = scheme;
        Addresses = addresses;
        ObjectKey = objectKey;
        Name = name;
    }

    /// <summary>corbaloc or corbaname.</summary>
    public CorbaUrlScheme Scheme { get; }

    /// <summary>The addresses, in the URL's order (a client tries them in turn).</summary>
    public IReadOnlyList<CorbaUrlAddress> Addresses { get; }

    /// <summary>The object key, unescaped (for corbaname, the naming context's key).</summary>
    public byte[] ObjectKey { get; }

    /// <summary>corbaname only: the name to resolve in the context (empty: the context itself).</summary>
    public IReadOnlyList<CorbaNameComponent> Name { get; }

    /// <summary>A corbaloc URL for <paramref name="addresses"/> and <paramref name="objectKey"/>.</summary>
    public static CorbaUrl ForCorbaLoc(IReadOnlyList<CorbaUrlAddress> addresses, byte[] objectKey) =>
        new(CorbaUrlScheme.CorbaLoc, addresses ?? throw new ArgumentNullException(nameof(addresses)), objectKey ?? throw new ArgumentNullException(nameof(objectKey)), []);

    /// <summary>Parses a corbaloc or corbaname URL (the scheme is case-insensitive); BAD_PARAM says what is wrong.</summary>
    public static CorbaUrl Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon < 0 ? text : text[..colon];
        if (scheme.Equals("corbaloc", StringComparison.OrdinalIgnoreCase))
        {
            var rest = text[(colon + 1)..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                throw Bad($"A corbaloc URL ends with /key: '{text}' has none.");
            }
            return new CorbaUrl(CorbaUrlScheme.CorbaLoc, ParseAddresses(rest[..slash]), Unescape(rest[(slash + 1)..], "object key"), []);
        }
        if (scheme.Equals("corbaname", StringComparison.OrdinalIgnoreCase))
        {
            var rest = text[(colon + 1)..];
            var hash = rest.IndexOf('#', StringComparison.Ordinal);
            var location = hash < 0 ? rest : rest[..hash];
            var slash = location.IndexOf('/', StringComparison.Ordinal);
            var addresses = ParseAddresses(slash < 0 ? location : location[..slash]);
            var key = slash < 0 || slash == location.Length - 1 ? "NameService"u8.ToArray() : Unescape(location[(slash + 1)..], "object key");
            var name = hash < 0 ? [] : CorbaName.Parse(Encoding.UTF8.GetString(Unescape(rest[(hash + 1)..], "name")));
            return new CorbaUrl(CorbaUrlScheme.CorbaName, addresses, key, name);
        }
        throw CorbaSystemException.BadParam($"'{scheme}' is not a scheme Steward reads (IOR:, corbaloc: and corbaname: are).", CorbaObjectReference.BadSchemeMinor);
    }

    /// <summary>A reference with an empty type id and one IIOP profile per address (no components), holding the URL's key.</summary>
    public CorbaObjectReference ToObjectReference(string typeId = "")
    {
        var profiles = Addresses.Select(a => new IiopProfile(a.Version, a.Host, a.Port, ObjectKey, []).ToTaggedProfile()).ToArray();
        return new CorbaObjectReference(typeId, profiles);
    }

    /// <summary>The URL in its canonical form: <c>iiop:</c>, versions other than 1.0 and ports other than 2809 spelled out, the key and name escaped.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Scheme == CorbaUrlScheme.CorbaLoc ? "corbaloc:" : "corbaname:");
        for (var i = 0; i < Addresses.Count; i++)
        {
            var address = Addresses[i];
            text.Append(i == 0 ? "" : ",").Append("iiop:");
            if (address.Version != GiopVersion.V1_0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{address.Version.Major}.{address.Version.Minor}@");
            }
            text.Append(address.Host.Contains(':', StringComparison.Ordinal) ? $"[{address.Host}]" : address.Host);
            if (address.Port != DefaultPort)
            {
                text.Append(CultureInfo.InvariantCulture, $":{address.Port}");
            }
        }
        text.Append('/').Append(Escape(ObjectKey));
        if (Scheme == CorbaUrlScheme.CorbaName && Name.Count > 0)
        {
            text.Append('#').Append(Escape(Encoding.UTF8.GetBytes(CorbaName.ToString(Name))));
        }
        return text.ToString();
    }

    /// <summary>%-escapes every octet that is not a letter, a digit or one of <c>;/:?@&amp;=+$,-_.!~*'()</c>.</summary>
    public static string Escape(ReadOnlySpan<byte> octets)
    {
        var text = new StringBuilder(octets.Length);
        foreach (var octet in octets)
        {
            if (octet < 0x80 && (char.IsAsciiLetterOrDigit((char)octet) || Unreserved.Contains((char)octet, StringComparison.Ordinal)))
            {
                text.Append((char)octet);
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"%{octet:x2}");
            }
        }
        return text.ToString();
    }

    private static List<CorbaUrlAddress> ParseAddresses(string list)
    {
        var addresses = new List<CorbaUrlAddress>();
        foreach (var item in list.Split(','))
        {
            string body;
            if (item.StartsWith("iiop:", StringComparison.OrdinalIgnoreCase))
            {
                body = item[5..];
            }
            else if (item.StartsWith(':'))
            {
                body = item[1..];
            }
            else if (item.StartsWith("rir:", StringComparison.OrdinalIgnoreCase))
            {
                throw CorbaSystemException.BadParam("rir: asks for resolve_initial_references, which Steward has no table for; give iiop:host:port instead.", CorbaObjectReference.BadAddressMinor);
            }
            else
            {
                var protocol = item.Contains(':', StringComparison.Ordinal) ? item[..item.IndexOf(':', StringComparison.Ordinal)] : item;
                throw CorbaSystemException.BadParam($"'{protocol}' is not an address protocol Steward speaks (iiop: or : are).", CorbaObjectReference.BadAddressMinor);
            }
            addresses.Add(ParseAddress(body, item));
        }
        return addresses;
    }

    private static CorbaUrlAddress ParseAddress(string body, string item)
    {
        var version = GiopVersion.V1_0;
        var at = body.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var parts = body[..at].Split('.');
            if (parts.Length != 2 || !byte.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
                || !byte.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
            {
                throw BadAddress($"'{body[..at]}' in '{item}' is not a version major.minor.");
            }
            version = new GiopVersion(major, minor);
            if (!version.IsSupported)
            {
                throw BadAddress($"IIOP {version} in '{item}' is not a version Steward speaks (1.0 to 1.2).");
            }
            body = body[(at + 1)..];
        }
        string host;
        string? port = null;
        if (body.StartsWith('['))
        {
            var close = body.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw BadAddress($"The IPv6 address in '{item}' has no closing ].");
            }
            host = body[1..close];
            var after = body[(close + 1)..];
            if (after.Length > 0)
            {
                port = after.StartsWith(':') ? after[1..] : throw BadAddress($"'{after}' follows the IPv6 address in '{item}'.");
            }
        }
        else
        {
            var colon = body.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? body : body[..colon];
            port = colon < 0 ? null : body[(colon + 1)..];
        }
        if (host.Length == 0)
        {
            throw BadAddress($"The address '{item}' has no host.");
        }
        var number = DefaultPort;
        if (port is not null && !ushort.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            throw BadAddress($"'{port}' in '{item}' is not a port (0 to 65535).");
        }
        return new CorbaUrlAddress(version, host, number);
    }

    private static byte[] Unescape(string text, string what)
    {
        var octets = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (text.Length - i - 1 < 2 || !byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var octet))
                {
                    throw Bad($"The {what} has a % at offset {i} not followed by two hex digits.");
                }
                octets.Add(octet);
                i += 2;
            }
            else if (c is < ' ' or > '~')
            {
                throw Bad($"The {what} has the character U+{(int)c:X4} at offset {i}: escape it as %xx.");
            }
            else
            {
                octets.Add((byte)c);
            }
        }
        return [.. octets];
    }

    private static CorbaSystemException Bad(string message) => CorbaSystemException.BadParam(message, CorbaObjectReference.BadSchemeSpecificPartMinor);

    private static CorbaSystemException BadAddress(string message) => CorbaSystemException.BadParam(message, CorbaObjectReference.BadAddressMinor);
}
