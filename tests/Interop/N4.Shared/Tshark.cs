using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Steward.N4.Testing;

/// <summary>Wireshark's expert-info severities, as tshark writes them in `_ws.expert.severity`.</summary>
internal enum ExpertSeverity
{
    Comment = 0x00100000,
    Chat = 0x00200000,
    Note = 0x00400000,
    Warning = 0x00600000,
    Error = 0x00800000,
}

/// <summary>Wireshark's expert-info groups (`_ws.expert.group`) that matter here.</summary>
internal enum ExpertGroup
{
    Sequence = 0x02000000,
    Malformed = 0x07000000,
}

/// <summary>One expert-info item tshark attached to a packet, with the protocol layer it was found under.</summary>
internal sealed record ExpertItem(ExpertSeverity Severity, string Message, int Group, string Layer)
{
    /// <summary>
    /// TCP's sequence analysis (window full, retransmission, duplicate ACK…) judges how the endpoints' TCP flowed, not
    /// how any packet was encoded: for a tunnelled flow it says nothing about the tunnel.
    /// </summary>
    public bool IsTcpFlowAnalysis => Layer == "tcp" && Group == (int)ExpertGroup.Sequence;
}

/// <summary>
/// One packet as tshark decoded it: every field it showed (by filter name, in tree order, repeated fields kept),
/// whether it called the packet malformed, and its expert infos.
/// </summary>
internal sealed class TsharkPacket
{
    private readonly Dictionary<string, List<string>> _fields;

    public TsharkPacket(int number, Dictionary<string, List<string>> fields, bool malformed, IReadOnlyList<ExpertItem> expert)
    {
        Number = number;
        _fields = fields;
        Malformed = malformed;
        Expert = expert;
    }

    public int Number { get; }
    public bool Malformed { get; }
    public IReadOnlyList<ExpertItem> Expert { get; }

    /// <summary>The protocol stack tshark found, e.g. ["ip", "udp", "pfcp"].</summary>
    public IReadOnlyList<string> Protocols => (this["frame.protocols"] ?? "").Split(':');

    /// <summary>The first value of a field (e.g. "pfcp.msg_type"), or null when tshark did not show it.</summary>
    public string? this[string field] => _fields.TryGetValue(field, out var values) ? values[0] : null;

    /// <summary>Every value of a field, in the order tshark showed them (an IE repeated in a message gives several).</summary>
    public IReadOnlyList<string> All(string field) => _fields.TryGetValue(field, out var values) ? values : [];

    public bool Has(string field) => _fields.ContainsKey(field);

    /// <summary>The field names tshark showed, for diagnostics.</summary>
    public IEnumerable<string> FieldNames => _fields.Keys;

    /// <summary>A field's value that must be there; fails the test naming the packet otherwise.</summary>
    public string Field(string field) =>
        this[field] ?? throw new Xunit.Sdk.XunitException($"packet {Number} ({string.Join(':', Protocols)}) has no field {field}");

    /// <summary>A numeric field, whether tshark wrote it in decimal or as 0x-hex.</summary>
    public ulong Number64(string field) => ParseNumber(Field(field));

    /// <summary>Every value of a numeric field, in tree order (the header's SEID, then an F-SEID's, for one).</summary>
    public IReadOnlyList<ulong> Numbers(string field) => [.. All(field).Select(ParseNumber)];

    private static ulong ParseNumber(string text)
    {
        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : ulong.Parse(text, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Malformed or expert warnings/errors, each as one line naming the packet; empty when tshark was content. TCP's
    /// flow analysis is left out (<see cref="ExpertItem.IsTcpFlowAnalysis"/>).
    /// </summary>
    public IEnumerable<string> Problems()
    {
        var where = $"packet {Number} ({string.Join(':', Protocols)})";
        if (Malformed)
        {
            yield return $"{where}: malformed";
        }
        foreach (var e in Expert)
        {
            if (e.Severity >= ExpertSeverity.Warning && !e.IsTcpFlowAnalysis)
            {
                yield return $"{where}: expert {e.Severity}: {e.Message}";
            }
        }
    }
}

/// <summary>The packets of one tshark decode.</summary>
internal sealed class TsharkDecode(IReadOnlyList<TsharkPacket> packets)
{
    public IReadOnlyList<TsharkPacket> Packets { get; } = packets;

    /// <summary>Every malformed packet and every expert warning or error, one line each; a clean capture gives none.</summary>
    public IReadOnlyList<string> Problems => [.. Packets.SelectMany(p => p.Problems())];

    /// <summary>The packets whose protocol stack includes <paramref name="protocol"/> (e.g. "pfcp", "gtp").</summary>
    public IReadOnlyList<TsharkPacket> With(string protocol) => [.. Packets.Where(p => p.Protocols.Contains(protocol))];

    /// <summary>Fails with every problem listed unless tshark found the capture clean.</summary>
    public void AssertClean()
    {
        var problems = Problems;
        if (problems.Count > 0)
        {
            throw new Xunit.Sdk.XunitException("tshark found problems:\n" + string.Join('\n', problems));
        }
    }
}

/// <summary>
/// Wireshark's dissectors as the judge of bytes on the wire: decodes pcap files with `tshark -T json` and captures
/// live inside a network namespace. PFCP (UDP 8805) and GTP-U (UDP 2152) are dissected on their ports by default;
/// other ports need a decode-as such as "udp.port==9000,pfcp".
/// </summary>
internal static class Tshark
{
    public const string Executable = "/usr/bin/tshark";

    /// <summary>Skips the test when tshark is not installed.</summary>
    public static void Require() => PeerTool.RequireExecutable(Executable, "tshark");

    /// <summary>Decodes a capture file; <paramref name="decodeAs"/> entries go to `-d` (e.g. "udp.port==9000,pfcp").</summary>
    public static TsharkDecode Decode(string pcap, params string[] decodeAs)
    {
        var args = new List<string> { "-r", pcap, "-T", "json", "--no-duplicate-keys" };
        foreach (var d in decodeAs)
        {
            args.Add("-d");
            args.Add(d);
        }
        var json = PeerTool.RunChecked(Executable, args);
        return Parse(json);
    }

    /// <summary>Writes the datagrams to a temporary pcap (raw IPv4), decodes it, and removes the file.</summary>
    public static TsharkDecode DecodeUdp(IEnumerable<UdpDatagram> datagrams, params string[] decodeAs)
    {
        var path = Path.Combine(Path.GetTempPath(), $"n4-{Guid.NewGuid():N}.pcap");
        try
        {
            PcapWriter.WriteFile(path, datagrams);
            return Decode(path, decodeAs);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>tshark's one-line summaries (`tshark -r F`), one per packet, for demos and failure messages.</summary>
    public static IReadOnlyList<string> Summaries(string pcap, params string[] decodeAs)
    {
        var args = new List<string> { "-r", pcap };
        foreach (var d in decodeAs)
        {
            args.Add("-d");
            args.Add(d);
        }
        return PeerTool.RunChecked(Executable, args).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Parses `tshark -T json --no-duplicate-keys` output.</summary>
    public static TsharkDecode Parse(string json)
    {
        using var doc = JsonDocument.Parse(json.Length == 0 ? "[]" : json);
        var packets = new List<TsharkPacket>();
        foreach (var packet in doc.RootElement.EnumerateArray())
        {
            var layers = packet.GetProperty("_source").GetProperty("layers");
            var fields = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var expert = new List<ExpertItem>();
            var malformed = false;
            // Each layer ("ip", "udp", "gtp", the inner "ip"…) is walked with its name, so expert items know their protocol.
            foreach (var layer in layers.EnumerateObject())
            {
                WalkProperty(layer.Name, layer, fields, expert, ref malformed);
            }
            var number = fields.TryGetValue("frame.number", out var n) ? int.Parse(n[0], CultureInfo.InvariantCulture) : packets.Count + 1;
            packets.Add(new TsharkPacket(number, fields, malformed, expert));
        }
        return new TsharkDecode(packets);
    }

    private static void Walk(string layer, JsonElement node, Dictionary<string, List<string>> fields, List<ExpertItem> expert, ref bool malformed)
    {
        foreach (var property in node.EnumerateObject())
        {
            WalkProperty(layer, property, fields, expert, ref malformed);
        }
    }

    private static void WalkProperty(string layer, JsonProperty property, Dictionary<string, List<string>> fields, List<ExpertItem> expert, ref bool malformed)
    {
        if (property.Name == "_ws.malformed")
        {
            malformed = true;
        }
        if (property.Name == "_ws.expert")
        {
            foreach (var item in Items(property.Value))
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    expert.Add(ExpertOf(item, layer));
                }
            }
        }
        foreach (var item in Items(property.Value))
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.Object:
                    // A protocol or subtree: "pfcp" holds its fields; a labelled subtree ("Node ID : ...") holds an IE's.
                    Add(fields, property.Name, "");
                    Walk(layer, item, fields, expert, ref malformed);
                    break;
                case JsonValueKind.String:
                    Add(fields, property.Name, item.GetString()!);
                    break;
                default:
                    Add(fields, property.Name, item.GetRawText());
                    break;
            }
        }
    }

    private static IEnumerable<JsonElement> Items(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [value];

    private static ExpertItem ExpertOf(JsonElement item, string layer)
    {
        var group = item.TryGetProperty("_ws.expert.group", out var g) ? int.Parse(g.GetString()!, CultureInfo.InvariantCulture) : 0;
        var severity = item.TryGetProperty("_ws.expert.severity", out var s)
            ? (ExpertSeverity)int.Parse(s.GetString()!, CultureInfo.InvariantCulture)
            : ExpertSeverity.Error;
        var message = item.TryGetProperty("_ws.expert.message", out var m) ? m.GetString() ?? "" : "";
        return new ExpertItem(severity, message, group, layer);
    }

    private static void Add(Dictionary<string, List<string>> fields, string name, string value)
    {
        if (!fields.TryGetValue(name, out var list))
        {
            fields[name] = list = [];
        }
        // A subtree's own key gets an empty value only once; its real values, if any, come from its children.
        if (value.Length > 0 || list.Count == 0)
        {
            list.Add(value);
        }
    }

    /// <summary>
    /// Starts `tshark -i IFACE -w FILE -f FILTER` (inside <paramref name="netns"/> when given) and returns once it is
    /// capturing. Stop it with <see cref="TsharkCapture.Stop"/>, which flushes the file and decodes it.
    /// </summary>
    public static TsharkCapture Capture(string? netns, string iface, string captureFilter, string? file = null) =>
        TsharkCapture.Start(netns, iface, captureFilter, file ?? Path.Combine(Path.GetTempPath(), $"n4-{Guid.NewGuid():N}.pcap"));
}

/// <summary>A live tshark capture into a file; stopping it with SIGINT lets tshark and dumpcap write every packet they have.</summary>
internal sealed class TsharkCapture : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private bool _stopped;

    private TsharkCapture(Process process, string file)
    {
        _process = process;
        File = file;
    }

    /// <summary>The capture file (pcapng).</summary>
    public string File { get; }

    internal static TsharkCapture Start(string? netns, string iface, string captureFilter, string file)
    {
        Tshark.Require();
        var psi = PeerTool.StartInfo(netns, Tshark.Executable, ["-i", iface, "-w", file, "-f", captureFilter]);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start tshark");
        var capture = new TsharkCapture(process, file);
        // Set when tshark says it is capturing, or when it exits first (a bad interface or filter).
        using var settled = new ManualResetEventSlim();
        var capturing = false;
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => settled.Set();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (capture._stderr)
            {
                capture._stderr.Append(e.Data).Append('\n');
            }
            // "Capturing on" comes before the interface is opened; this message comes once dumpcap has opened it, set
            // the filter and created the file (tshark 4.0 logs it as "[Main MESSAGE] -- Capture started.").
            if (e.Data.Contains("Capture started", StringComparison.Ordinal))
            {
                Volatile.Write(ref capturing, true);
                settled.Set();
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        process.StandardInput.Close();
        if (process.HasExited)
        {
            settled.Set();
        }
        if (!settled.Wait(StartTimeout) || !Volatile.Read(ref capturing))
        {
            capture.Kill();
            throw new InvalidOperationException($"tshark did not start capturing on {iface}: {capture.ErrorText}");
        }
        return capture;
    }

    private string ErrorText
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Stops the capture (SIGINT, so the file is complete) and decodes what it caught.</summary>
    public TsharkDecode Stop(params string[] decodeAs)
    {
        StopCapture();
        return Tshark.Decode(File, decodeAs);
    }

    /// <summary>Stops the capture and leaves the file for the caller to read.</summary>
    public void StopCapture()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        // dumpcap hands packets over in batches: give the last ones time to reach it before it is told to stop.
        Thread.Sleep(500);
        if (!_process.HasExited)
        {
            PeerTool.Interrupt(_process.Id);
        }
        if (!_process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            Kill();
            throw new InvalidOperationException($"tshark did not stop on SIGINT: {ErrorText}");
        }
        _process.WaitForExit();
        if (!System.IO.File.Exists(File))
        {
            throw new InvalidOperationException($"tshark wrote no capture file: {ErrorText}");
        }
    }

    private void Kill()
    {
        _stopped = true;
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
        }
    }

    public void Dispose()
    {
        if (!_stopped)
        {
            Kill();
        }
        _process.Dispose();
        System.IO.File.Delete(File);
    }
}
