using System.Globalization;

namespace Steward.Cni;

/// <summary>Spec versions and the comparison rules libcni uses for them.</summary>
public static class CniVersions
{
    /// <summary>The spec version Steward implements and writes by default.</summary>
    public const string Current = "1.1.0";

    /// <summary>Every version whose result format Steward reads and writes.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"];

    /// <summary>True when <paramref name="version"/> is one of <see cref="Supported"/>.</summary>
    public static bool IsSupported(string version) => Supported.Contains(version, StringComparer.Ordinal);

    /// <summary>Parses "M.m.p"; an empty version means 0.1.0, as in libcni.</summary>
    public static bool TryParse(string? version, out (int Major, int Minor, int Patch) parsed)
    {
        parsed = (0, 1, 0);
        if (string.IsNullOrEmpty(version))
        {
            return true;
        }
        var parts = version.Split('.');
        if (parts.Length > 3)
        {
            return false;
        }
        var numbers = new int[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }
        parsed = (numbers[0], numbers[1], numbers[2]);
        return true;
    }

    /// <summary>Compares two versions; throws a decoding error (code 6) for an unparsable one.</summary>
    public static int Compare(string? a, string? b)
    {
        if (!TryParse(a, out var x))
        {
            throw new CniException(CniErrorCode.DecodingFailure, $"invalid version \"{a}\"");
        }
        if (!TryParse(b, out var y))
        {
            throw new CniException(CniErrorCode.DecodingFailure, $"invalid version \"{b}\"");
        }
        return x.CompareTo(y);
    }

    /// <summary>True when <paramref name="version"/> is <paramref name="minimum"/> or later; a missing version counts as 0.1.0, as libcni takes it.</summary>
    public static bool AtLeast(string? version, string minimum) => Compare(version, minimum) >= 0;

    /// <summary>True when results of this version carry the 1.0 shape (no per-IP "version").</summary>
    public static bool IsV1(string version) => AtLeast(version, "1.0.0");
}
