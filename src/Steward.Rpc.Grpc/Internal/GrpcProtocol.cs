using System.Buffers;
using System.Globalization;
using System.Text;

namespace Steward.Rpc.Grpc;

/// <summary>Header names and value formats of gRPC's PROTOCOL-HTTP2.</summary>
public static class GrpcProtocol
{
    /// <summary>The content type of every gRPC request and response; <c>+proto</c> and other suffixes may follow it.</summary>
    public const string ContentType = "application/grpc";
    /// <summary>The trailer carrying the status code as a decimal number.</summary>
    public const string StatusHeader = "grpc-status";
    /// <summary>The trailer carrying the status detail, percent-encoded.</summary>
    public const string MessageHeader = "grpc-message";
    /// <summary>The trailer carrying google.rpc.Status bytes, base64-encoded.</summary>
    public const string StatusDetailsHeader = "grpc-status-details-bin";
    /// <summary>The request header carrying the call's timeout (see <see cref="FormatTimeout"/>).</summary>
    public const string TimeoutHeader = "grpc-timeout";
    /// <summary>The header naming the compression of the messages that follow.</summary>
    public const string EncodingHeader = "grpc-encoding";
    /// <summary>The header listing the compressions a peer accepts.</summary>
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    /// <summary>The name of "no compression".</summary>
    public const string Identity = "identity";
    /// <summary>The name of gzip compression, the one this implementation supports.</summary>
    public const string Gzip = "gzip";
    /// <summary>What this implementation sends as <see cref="AcceptEncodingHeader"/>.</summary>
    public const string SupportedEncodings = "identity,gzip";
    /// <summary>The bytes before every message: a compressed flag and a big-endian 32-bit length.</summary>
    public const int HeaderSize = 5;
    /// <summary>The suffix that marks a metadata key whose values are bytes (base64 on the wire).</summary>
    public const string BinaryHeaderSuffix = "-bin";

    /// <summary>True for <c>application/grpc</c> and its <c>+proto</c>/<c>+json</c>/<c>;params</c> forms.</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';';
    }

    /// <summary>Parses <c>grpc-timeout</c> (1–8 digits and a unit H M S m u n); false when malformed.</summary>
    public static bool TryParseTimeout(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (string.IsNullOrEmpty(value) || value.Length < 2 || value.Length > 9)
        {
            return false;
        }
        if (!long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }
        long ticks = value[^1] switch
        {
            'H' => amount * TimeSpan.TicksPerHour,
            'M' => amount * TimeSpan.TicksPerMinute,
            'S' => amount * TimeSpan.TicksPerSecond,
            'm' => amount * TimeSpan.TicksPerMillisecond,
            'u' => amount * 10,
            'n' => amount / 100,
            _ => -1,
        };
        if (ticks < 0)
        {
            return false;
        }
        timeout = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>Formats a timeout with at most 8 digits, in the finest unit that fits.</summary>
    public static string FormatTimeout(TimeSpan timeout)
    {
        var ticks = Math.Max(0, timeout.Ticks);
        const long Max = 99_999_999;
        if (ticks / 10 <= Max)
        {
            return (ticks / 10).ToString(CultureInfo.InvariantCulture) + "u";
        }
        if (ticks / TimeSpan.TicksPerMillisecond <= Max)
        {
            return (ticks / TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture) + "m";
        }
        if (ticks / TimeSpan.TicksPerSecond <= Max)
        {
            return (ticks / TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture) + "S";
        }
        if (ticks / TimeSpan.TicksPerMinute <= Max)
        {
            return (ticks / TimeSpan.TicksPerMinute).ToString(CultureInfo.InvariantCulture) + "M";
        }
        return Math.Min(ticks / TimeSpan.TicksPerHour, Max).ToString(CultureInfo.InvariantCulture) + "H";
    }

    /// <summary>Percent-encodes a status message as UTF-8 (the spec: escape outside 0x20–0x7E and '%').</summary>
    public static string EncodeMessage(string message)
    {
        var clean = true;
        foreach (var c in message)
        {
            if (c < 0x20 || c > 0x7E || c == '%')
            {
                clean = false;
                break;
            }
        }
        if (clean)
        {
            return message;
        }
        var bytes = Encoding.UTF8.GetBytes(message);
        var sb = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            if (b < 0x20 || b > 0x7E || b == (byte)'%')
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append((char)b);
            }
        }
        return sb.ToString();
    }

    /// <summary>Decodes a percent-encoded status message; malformed escapes are kept as written (the spec says never fail on them).</summary>
    public static string DecodeMessage(string? value)
    {
        if (string.IsNullOrEmpty(value) || !value.Contains('%', StringComparison.Ordinal))
        {
            return value ?? "";
        }
        var bytes = new byte[value.Length];
        var n = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length &&
                byte.TryParse(value.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                bytes[n++] = b;
                i += 2;
            }
            else
            {
                bytes[n++] = (byte)value[i];
            }
        }
        return Encoding.UTF8.GetString(bytes, 0, n);
    }

    /// <summary>Decodes base64 with or without padding (peers send both for -bin headers).</summary>
    public static byte[] DecodeBinaryHeader(string value)
    {
        var pad = (4 - value.Length % 4) % 4;
        var padded = pad == 0 ? value : value + new string('=', pad);
        return Convert.FromBase64String(padded);
    }

    /// <summary>Base64 without padding, as gRPC sends <c>-bin</c> header values.</summary>
    public static string EncodeBinaryHeader(byte[] value) => Convert.ToBase64String(value).TrimEnd('=');

    /// <summary>The status a client infers from a non-200 HTTP response without grpc-status (spec's table).</summary>
    public static StatusCode FromHttpStatus(int httpStatus) => httpStatus switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    /// <summary>Headers that belong to the protocol, never shown as call metadata.</summary>
    public static bool IsReservedHeader(string name) =>
        name.StartsWith(':') ||
        name.Equals("content-type", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("te", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("host", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("content-length", StringComparison.OrdinalIgnoreCase) ||
        name.Equals(TimeoutHeader, StringComparison.OrdinalIgnoreCase) ||
        name.Equals(StatusHeader, StringComparison.OrdinalIgnoreCase) ||
        name.Equals(MessageHeader, StringComparison.OrdinalIgnoreCase) ||
        name.Equals(EncodingHeader, StringComparison.OrdinalIgnoreCase) ||
        name.Equals(AcceptEncodingHeader, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a metadata key that carries bytes, that is, one ending in <c>-bin</c> (in any case).</summary>
    public static bool IsBinaryHeader(string key) => key.EndsWith(BinaryHeaderSuffix, StringComparison.OrdinalIgnoreCase);

    internal static void AddHeaderToMetadata(Metadata metadata, string name, string value)
    {
        if (IsBinaryHeader(name))
        {
            // Several values of one -bin key arrive comma-joined; each is its own base64 string.
            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                metadata.Add(name, DecodeBinaryHeader(part));
            }
        }
        else
        {
            metadata.Add(name, value);
        }
    }

    internal static string HeaderValue(Metadata.Entry entry) => entry.IsBinary ? EncodeBinaryHeader(entry.ValueBytes) : entry.Value;

    internal static ReadOnlySequence<byte> Empty => ReadOnlySequence<byte>.Empty;
}
