using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Steward.Rpc.Schema;

namespace Steward.Rpc.Protobuf.Dynamic;

/// <summary>The well-known types' special JSON forms, shared by the printer and the reader.</summary>
internal static partial class WellKnownJson
{
    public const long MinTimestampSeconds = -62_135_596_800; // 0001-01-01T00:00:00Z
    public const long MaxTimestampSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z
    public const long MaxDurationSeconds = 315_576_000_000;

    public static bool IsWrapper(string fullName) => fullName is
        "google.protobuf.DoubleValue" or "google.protobuf.FloatValue" or "google.protobuf.Int64Value" or
        "google.protobuf.UInt64Value" or "google.protobuf.Int32Value" or "google.protobuf.UInt32Value" or
        "google.protobuf.BoolValue" or "google.protobuf.StringValue" or "google.protobuf.BytesValue";

    /// <summary>Types whose JSON is not an object of their fields; inside an Any they go under <c>"value"</c>.</summary>
    public static bool HasSpecialForm(string fullName) => IsWrapper(fullName) || fullName is
        "google.protobuf.Timestamp" or "google.protobuf.Duration" or "google.protobuf.Struct" or
        "google.protobuf.Value" or "google.protobuf.ListValue" or "google.protobuf.FieldMask" or "google.protobuf.Any";

    public static string FormatTimestamp(long seconds, int nanos)
    {
        if (seconds < MinTimestampSeconds || seconds > MaxTimestampSeconds || nanos < 0 || nanos > 999_999_999)
        {
            throw new ProtoFormatException($"Timestamp {seconds}s {nanos}ns is outside the range JSON can express (years 0001 to 9999).");
        }
        var time = DateTime.UnixEpoch.AddSeconds(seconds);
        return time.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture) + Fraction(nanos) + "Z";
    }

    public static string FormatDuration(long seconds, int nanos)
    {
        if (seconds < -MaxDurationSeconds || seconds > MaxDurationSeconds || nanos <= -1_000_000_000 || nanos >= 1_000_000_000
            || seconds > 0 && nanos < 0 || seconds < 0 && nanos > 0)
        {
            throw new ProtoFormatException($"Duration {seconds}s {nanos}ns is invalid or out of range.");
        }
        var sign = seconds < 0 || nanos < 0 ? "-" : "";
        return sign + Math.Abs(seconds).ToString(CultureInfo.InvariantCulture) + Fraction(Math.Abs(nanos)) + "s";
    }

    /// <summary>0, 3, 6 or 9 fractional digits, the fewest that hold the value exactly.</summary>
    private static string Fraction(int nanos)
    {
        if (nanos == 0)
        {
            return "";
        }
        if (nanos % 1_000_000 == 0)
        {
            return "." + (nanos / 1_000_000).ToString("D3", CultureInfo.InvariantCulture);
        }
        if (nanos % 1_000 == 0)
        {
            return "." + (nanos / 1_000).ToString("D6", CultureInfo.InvariantCulture);
        }
        return "." + nanos.ToString("D9", CultureInfo.InvariantCulture);
    }

    public static (long Seconds, int Nanos) ParseTimestamp(JsonNode node)
    {
        var match = node.Kind == JsonKind.String ? TimestampPattern().Match(node.Text) : Match.Empty;
        if (!match.Success)
        {
            throw node.Error($"Expected an RFC 3339 timestamp such as \"1972-01-01T10:00:20.021Z\", got {node.Describe()}.");
        }
        int Part(int group) => int.Parse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        DateTime local;
        try
        {
            local = new DateTime(Part(1), Part(2), Part(3), Part(4), Part(5), Part(6), DateTimeKind.Utc);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw node.Error($"Invalid date or time in \"{node.Text}\".");
        }
        var seconds = (long)(local - DateTime.UnixEpoch).TotalSeconds;
        var nanos = ParseFraction(match.Groups[7].Value);
        var zone = match.Groups[8].Value;
        if (zone is not ("Z" or "z"))
        {
            var offset = int.Parse(zone.AsSpan(1, 2), CultureInfo.InvariantCulture) * 3600 + int.Parse(zone.AsSpan(4, 2), CultureInfo.InvariantCulture) * 60;
            seconds -= zone[0] == '-' ? -offset : offset;
        }
        if (seconds < MinTimestampSeconds || seconds > MaxTimestampSeconds)
        {
            throw node.Error($"Timestamp \"{node.Text}\" is out of range.");
        }
        return (seconds, nanos);
    }

    public static (long Seconds, int Nanos) ParseDuration(JsonNode node)
    {
        var match = node.Kind == JsonKind.String ? DurationPattern().Match(node.Text) : Match.Empty;
        if (!match.Success || !long.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > MaxDurationSeconds)
        {
            throw node.Error($"Expected a duration such as \"1.5s\" (at most {MaxDurationSeconds} seconds), got {node.Describe()}.");
        }
        var nanos = ParseFraction(match.Groups[3].Value);
        return match.Groups[1].Success ? (-seconds, -nanos) : (seconds, nanos);
    }

    private static int ParseFraction(string fraction) =>
        fraction.Length == 0 ? 0 : int.Parse(fraction.Substring(1).PadRight(9, '0'), CultureInfo.InvariantCulture);

    /// <summary>FieldMask paths in JSON are lowerCamelCase: <c>foo_bar.baz</c> ⇄ <c>fooBar.baz</c>.</summary>
    public static string PathToJson(string path)
    {
        var sb = new StringBuilder(path.Length);
        var upper = false;
        foreach (var c in path)
        {
            if (c == '_')
            {
                upper = true;
            }
            else
            {
                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
        }
        return sb.ToString();
    }

    public static string PathFromJson(string path)
    {
        var sb = new StringBuilder(path.Length + 4);
        foreach (var c in path)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                sb.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>The message type an Any's type URL names (the part after the last '/').</summary>
    public static MessageDef ResolveAny(SchemaSet? types, string typeUrl, Func<string, Exception> error)
    {
        var slash = typeUrl.LastIndexOf('/');
        if (slash < 0)
        {
            throw error($"Any type URL \"{typeUrl}\" has no '/'.");
        }
        return types?.FindType(typeUrl.Substring(slash + 1)) as MessageDef
            ?? throw error($"Cannot resolve the type \"{typeUrl}\" held in an Any (is its .proto among the loaded files?).");
    }

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"^(-)?(\d{1,12})(\.\d{1,9})?s$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
