using System.Text.Json;

namespace Steward.N4.Testing;

/// <summary>
/// scapy as an independent peer: runs a Python script under /usr/bin/python3 (Debian's python3-scapy imports only
/// there, not under the python3 first on PATH), optionally inside a network namespace, with arguments and stdin,
/// and parses the JSON it prints.
/// </summary>
internal static class Scapy
{
    public const string Python = "/usr/bin/python3";

    /// <summary>
    /// Put before every script: scapy's PFCP and GTP layers, quiet logging, and <c>emit(obj)</c>, which prints obj as
    /// JSON with bytes as hex strings. The script's arguments are <c>sys.argv[1:]</c>. GTP is imported last, so its
    /// <c>IE_Cause</c>, <c>IE_Base</c> and <c>CauseValues</c> shadow PFCP's: use <c>pfcp.IE_Cause</c> for PFCP's.
    /// </summary>
    public const string Preamble = """
        import json, sys, logging
        logging.getLogger("scapy").setLevel(logging.ERROR)
        from scapy.all import *
        from scapy.contrib.pfcp import *
        from scapy.contrib.gtp import *
        import scapy.contrib.pfcp as pfcp
        def _plain(o):
            if isinstance(o, (bytes, bytearray)):
                return o.hex()
            if isinstance(o, set):
                return sorted(o)
            return str(o)
        def emit(obj):
            sys.stdout.write(json.dumps(obj, default=_plain))
            sys.stdout.flush()

        """;

    private static readonly Lazy<string?> Missing = new(FindMissing);

    /// <summary>Skips the test unless /usr/bin/python3 imports scapy's PFCP and GTP layers.</summary>
    public static void Require()
    {
        if (Missing.Value is { } why)
        {
            Assert.Skip($"scapy unavailable ({why}): Debian package python3-scapy; scripts/setup installs it");
        }
    }

    /// <summary>Runs <paramref name="script"/> (after <see cref="Preamble"/>) and parses its standard output as JSON.</summary>
    public static JsonElement Run(string script, IEnumerable<string>? args = null, string? stdin = null, string? netns = null, TimeSpan? timeout = null)
    {
        var output = RunText(script, args, stdin, netns, timeout);
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    /// <summary>Runs <paramref name="script"/> (after <see cref="Preamble"/>) and returns its standard output.</summary>
    public static string RunText(string script, IEnumerable<string>? args = null, string? stdin = null, string? netns = null, TimeSpan? timeout = null)
    {
        Require();
        var path = Path.Combine(Path.GetTempPath(), $"n4-scapy-{Guid.NewGuid():N}.py");
        File.WriteAllText(path, Preamble + script);
        try
        {
            return PeerTool.RunChecked(Python, ["-B", path, .. args ?? []], stdin, netns, timeout);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string? FindMissing()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} not found";
        }
        var probe = PeerTool.Run(Python, ["-c", "import scapy.contrib.pfcp, scapy.contrib.gtp"]);
        return probe.ExitCode == 0 ? null : probe.StandardError.Trim().Split('\n')[^1];
    }
}
