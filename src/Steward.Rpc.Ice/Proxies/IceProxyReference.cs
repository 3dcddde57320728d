using System.Globalization;
using System.Text;

namespace Steward.Rpc.Ice;

/// <summary>How a proxy's calls travel (the <c>-t</c>, <c>-o</c>, <c>-O</c> options of a stringified proxy).</summary>
public enum IceInvocationMode
{
    /// <summary>Request and reply (<c>-t</c>, the default).</summary>
    Twoway,
    /// <summary>Request only, request id 0 (<c>-o</c>).</summary>
    Oneway,
    /// <summary>Requests queued and sent together in one BatchRequest on a flush (<c>-O</c>).</summary>
    BatchOneway,
}

/// <summary>A <c>tcp</c> endpoint of a proxy: host, port, timeout in milliseconds (-1 for none) and the compression flag.</summary>
public sealed record IceTcpEndpoint(string Host, int Port, int Timeout = IceTcpEndpoint.DefaultTimeout, bool Compress = false)
{
    /// <summary>Ice's default endpoint timeout (Ice.Default.Timeout), 60 seconds.</summary>
    public const int DefaultTimeout = 60_000;

    /// <summary>The endpoint as Ice writes it: <c>tcp -h host -p port -t timeout</c> (and <c>-z</c>).</summary>
    public override string ToString()
    {
        var host = Host.Contains(':', StringComparison.Ordinal) || Host.Contains(' ', StringComparison.Ordinal) ? "\"" + Host + "\"" : Host;
        var timeout = Timeout < 0 ? "infinite" : Timeout.ToString(CultureInfo.InvariantCulture);
        return $"tcp -h {host} -p {Port.ToString(CultureInfo.InvariantCulture)} -t {timeout}" + (Compress ? " -z" : "");
    }
}

/// <summary>
/// A direct Ice proxy: identity, facet, invocation mode, encoding and one or more tcp endpoints, parsed from and
/// written as Ice's stringified form (<c>test -t -e 1.1:tcp -h 127.0.0.1 -p 10000 -t 5000</c>). Indirect proxies
/// (<c>test</c>, <c>test@Adapter</c>) need a locator, which Steward has not, and are refused.
/// </summary>
public sealed record IceProxyReference
{
    /// <summary>The target object's identity.</summary>
    public required IceIdentity Identity { get; init; }
    /// <summary>The facet; empty for the default facet.</summary>
    public string Facet { get; init; } = "";
    /// <summary>Twoway, oneway or batch oneway.</summary>
    public IceInvocationMode Mode { get; init; } = IceInvocationMode.Twoway;
    /// <summary>The encoding of the parameters' encapsulations (<c>-e</c>), 1.1 by default.</summary>
    public (byte Major, byte Minor) Encoding { get; init; } = (1, 1);
    /// <summary>Where the object is; calls use the first that answers.</summary>
    public required IReadOnlyList<IceTcpEndpoint> Endpoints { get; init; }

    /// <summary>Parses a stringified direct proxy; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static IceProxyReference Parse(string proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        var parts = SplitTopLevel(proxy.Trim(), out var indirect);
        var head = Tokenize(parts[0]);
        if (head.Count == 0)
        {
            throw new FormatException($"Proxy '{proxy}' has no identity.");
        }
        if (indirect is not null)
        {
            throw new FormatException($"Proxy '{proxy}' is indirect (@{indirect}): Steward has no locator; give the endpoints (identity:tcp -h host -p port).");
        }
        if (parts.Count == 1)
        {
            throw new FormatException($"Proxy '{proxy}' is a well-known (indirect) proxy: Steward has no locator; give the endpoints (identity:tcp -h host -p port).");
        }
        var reference = new IceProxyReference { Identity = IceIdentity.Parse(head[0]), Endpoints = parts.Skip(1).Select(ParseEndpoint).ToArray() };
        for (var i = 1; i < head.Count; i++)
        {
            string Argument() => i + 1 < head.Count && !head[i + 1].StartsWith('-') ? head[++i]
                : throw new FormatException($"Option {head[i]} of proxy '{proxy}' needs an argument.");
            reference = head[i] switch
            {
                "-f" => reference with { Facet = IceIdentity.Unescape(Argument()) },
                "-t" => reference with { Mode = IceInvocationMode.Twoway },
                "-o" => reference with { Mode = IceInvocationMode.Oneway },
                "-O" => reference with { Mode = IceInvocationMode.BatchOneway },
                "-d" or "-D" => throw new FormatException($"Proxy '{proxy}': datagram invocations ({head[i]}) need udp, which Steward does not speak."),
                "-s" => throw new FormatException($"Proxy '{proxy}': secure proxies (-s) need ssl endpoints, which Steward does not speak yet."),
                "-e" => reference with { Encoding = ParseVersion(Argument(), "encoding", proxy) },
                "-p" => ParseVersion(Argument(), "protocol", proxy) == (1, 0) ? reference
                    : throw new FormatException($"Proxy '{proxy}': Steward speaks Ice protocol 1.0 only."),
                _ => throw new FormatException($"Proxy '{proxy}' has an unknown option '{head[i]}'."),
            };
        }
        return reference;
    }

    /// <summary>The stringified proxy, as Ice 3.7 writes it.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        builder.Append(Quote(Identity.ToString()));
        if (Facet.Length > 0)
        {
            builder.Append(" -f ").Append(Quote(IceIdentity.Escape(Facet, "")));
        }
        builder.Append(Mode switch { IceInvocationMode.Oneway => " -o", IceInvocationMode.BatchOneway => " -O", _ => " -t" });
        builder.Append(CultureInfo.InvariantCulture, $" -e {Encoding.Major}.{Encoding.Minor}");
        foreach (var endpoint in Endpoints)
        {
            builder.Append(':').Append(endpoint);
        }
        return builder.ToString();
    }

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(" :@\t") >= 0 || text.StartsWith('-') ? "\"" + text + "\"" : text;

    private static (byte, byte) ParseVersion(string text, string what, string proxy)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && byte.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            && byte.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            if (what == "encoding" && (major != 1 || minor > 1))
            {
                throw new FormatException($"Proxy '{proxy}': encoding {text} is not 1.0 or 1.1.");
            }
            return (major, minor);
        }
        throw new FormatException($"Proxy '{proxy}': '{text}' is not a {what} version (major.minor).");
    }

    private static IceTcpEndpoint ParseEndpoint(string text)
    {
        var tokens = Tokenize(text);
        if (tokens.Count == 0)
        {
            throw new FormatException("An endpoint is empty.");
        }
        if (tokens[0] is not ("tcp" or "default"))
        {
            throw new FormatException($"Endpoint '{text.Trim()}': transport '{tokens[0]}' is not supported (Steward speaks tcp).");
        }
        string? host = null;
        int? port = null;
        var timeout = IceTcpEndpoint.DefaultTimeout;
        var compress = false;
        for (var i = 1; i < tokens.Count; i++)
        {
            var option = tokens[i];
            string Argument() => i + 1 < tokens.Count ? tokens[++i] : throw new FormatException($"Endpoint '{text.Trim()}': {option} needs an argument.");
            switch (option)
            {
                case "-h":
                    host = Argument();
                    break;
                case "-p":
                    var p = Argument();
                    port = int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 65535
                        ? value : throw new FormatException($"Endpoint '{text.Trim()}': bad port '{p}'.");
                    break;
                case "-t":
                    var t = Argument();
                    timeout = t == "infinite" ? -1
                        : int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms) && (ms > 0 || ms == -1)
                            ? ms : throw new FormatException($"Endpoint '{text.Trim()}': bad timeout '{t}'.");
                    break;
                case "-z":
                    // Ice compresses only when both sides have bzip2; Steward never compresses, which every peer accepts.
                    compress = true;
                    break;
                case "--sourceAddress":
                    Argument();
                    break;
                default:
                    throw new FormatException($"Endpoint '{text.Trim()}': unknown option '{option}'.");
            }
        }
        if (port is null or 0)
        {
            throw new FormatException($"Endpoint '{text.Trim()}' has no port (-p).");
        }
        return new IceTcpEndpoint(host is null or "" or "*" ? "127.0.0.1" : host, port.Value, timeout, compress);
    }

    /// <summary>Splits on ':' and '@' outside double quotes; the part after '@' (an adapter id) is reported separately.</summary>
    private static List<string> SplitTopLevel(string text, out string? adapter)
    {
        adapter = null;
        var parts = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && quoted)
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && (c == ':' || c == '@'))
            {
                parts.Add(text[start..i]);
                if (c == '@')
                {
                    adapter = text[(i + 1)..].Trim();
                    return parts;
                }
                start = i + 1;
            }
        }
        if (quoted)
        {
            throw new FormatException($"Proxy '{text}' has an unterminated quote.");
        }
        parts.Add(text[start..]);
        return parts;
    }

    /// <summary>Whitespace-separated tokens; a double-quoted token keeps its spaces (the quotes are dropped).</summary>
    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            if (text[i] == '"')
            {
                var end = i + 1;
                while (end < text.Length && text[end] != '"')
                {
                    end += text[end] == '\\' ? 2 : 1;
                }
                if (end >= text.Length)
                {
                    throw new FormatException($"'{text}' has an unterminated quote.");
                }
                tokens.Add(text[(i + 1)..end]);
                i = end + 1;
                continue;
            }
            var stop = i;
            while (stop < text.Length && !char.IsWhiteSpace(text[stop]))
            {
                stop++;
            }
            tokens.Add(text[i..stop]);
            i = stop;
        }
        return tokens;
    }
}
