using System.Text.Json.Nodes;

namespace Steward.Kube.TestApiServer;

/// <summary>
/// Kubernetes label selectors: equality-based (=, ==, !=), existence (key, !key) and set-based
/// (in, notin), comma-separated requirements that must all hold.
/// </summary>
public sealed class LabelSelector
{
    private readonly List<Func<JsonObject?, bool>> _requirements = [];

    private LabelSelector()
    {
    }

    /// <summary>Parses a selector; throws <see cref="FormatException"/> with the reason when it is malformed.</summary>
    public static LabelSelector Parse(string? text)
    {
        var sel = new LabelSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return sel;
        }

        foreach (var raw in SplitTop(text))
        {
            var req = raw.Trim();
            if (req.Length == 0)
            {
                throw new FormatException($"empty requirement in label selector '{text}'");
            }

            sel._requirements.Add(ParseRequirement(req));
        }

        return sel;
    }

    /// <summary>True when the labels satisfy every requirement.</summary>
    public bool Matches(JsonObject? labels) => _requirements.All(r => r(labels));

    private static Func<JsonObject?, bool> ParseRequirement(string req)
    {
        static string? Get(JsonObject? l, string k) => l is not null && l.TryGetPropertyValue(k, out var v) ? v?.GetValue<string>() : null;

        if (req.StartsWith('!'))
        {
            var key = CheckKey(req[1..].Trim());
            return l => Get(l, key) is null;
        }

        var notin = req.IndexOf(" notin ", StringComparison.Ordinal);
        var inIdx = req.IndexOf(" in ", StringComparison.Ordinal);
        if (notin > 0 || inIdx > 0)
        {
            var isNot = notin > 0;
            var key = CheckKey(req[..(isNot ? notin : inIdx)].Trim());
            var rest = req[((isNot ? notin : inIdx) + (isNot ? 7 : 4))..].Trim();
            if (!rest.StartsWith('(') || !rest.EndsWith(')'))
            {
                throw new FormatException($"set requirement '{req}' needs (values)");
            }

            var values = rest[1..^1].Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
            return isNot ? l => Get(l, key) is not { } v || !values.Contains(v) : l => Get(l, key) is { } v && values.Contains(v);
        }

        var ne = req.IndexOf("!=", StringComparison.Ordinal);
        if (ne > 0)
        {
            var key = CheckKey(req[..ne].Trim());
            var value = req[(ne + 2)..].Trim();
            return l => Get(l, key) != value;
        }

        var eq = req.IndexOf('=', StringComparison.Ordinal);
        if (eq > 0)
        {
            var key = CheckKey(req[..eq].Trim());
            var value = req[(eq + (req.AsSpan(eq).StartsWith("==") ? 2 : 1))..].Trim();
            return l => Get(l, key) == value;
        }

        var k = CheckKey(req);
        return l => Get(l, k) is not null;
    }

    private static string CheckKey(string key)
    {
        if (key.Length == 0 || key.Length > 317 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')))
        {
            throw new FormatException($"invalid label key '{key}'");
        }

        return key;
    }

    // Commas inside (a,b) belong to a set requirement, not to the list of requirements.
    private static IEnumerable<string> SplitTop(string s)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '(')
            {
                depth++;
            }
            else if (s[i] == ')')
            {
                depth--;
            }
            else if (s[i] == ',' && depth == 0)
            {
                yield return s[start..i];
                start = i + 1;
            }
        }

        yield return s[start..];
    }
}
