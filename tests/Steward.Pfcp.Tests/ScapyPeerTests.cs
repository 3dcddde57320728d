using System.Globalization;
using System.Text.Json;
using Steward.Pfcp.Codec;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Tests;

/// <summary>
/// scapy.contrib.pfcp is the independent peer: it reads every message Steward writes with the values the model
/// holds, and every message it builds (with the values of <see cref="SampleMessages"/>) decodes in Steward to that model.
/// </summary>
public sealed class ScapyPeerTests
{
    private static readonly string Script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scapy", "pfcp_peer.py"));

    private static readonly Lazy<Dictionary<PfcpMessageType, JsonElement>> ParsedByScapy = new(() =>
    {
        var messages = SampleMessages.All().ToArray();
        var parsed = Scapy.Run(Script, ["parse"], string.Join('\n', messages.Select(m => Convert.ToHexString(PfcpCodec.Encode(m)))));
        return messages.Zip(parsed.EnumerateArray()).ToDictionary(p => p.First.MessageType, p => p.Second);
    });

    private static readonly Lazy<Dictionary<PfcpMessageType, byte[]>> BuiltByScapy = new(() =>
        Scapy.Run(Script, ["build"]).EnumerateObject().ToDictionary(
            p => (PfcpMessageType)byte.Parse(p.Name, CultureInfo.InvariantCulture), p => Convert.FromHexString(p.Value.GetString()!)));

    [Theory]
    [MemberData(nameof(SampleMessages.Types), MemberType = typeof(SampleMessages))]
    public void Scapy_reads_every_message_type_steward_writes_with_the_same_field_values(PfcpMessageType type)
    {
        Scapy.Require();
        var message = SampleMessages.Of(type);
        var parsed = ParsedByScapy.Value[type];

        Assert.Equal(1, parsed.GetProperty("version").GetInt32());
        Assert.Equal((int)type, parsed.GetProperty("type").GetInt32());
        Assert.Equal(message.SequenceNumber, parsed.GetProperty("seq").GetUInt32());
        if (message is PfcpSessionMessage session)
        {
            Assert.Equal(1, parsed.GetProperty("S").GetInt32());
            Assert.Equal(session.Seid, parsed.GetProperty("seid").GetUInt64());
            Assert.Equal(session.MessagePriority is null ? 0 : 1, parsed.GetProperty("MP").GetInt32());
            if (session.MessagePriority is { } priority)
            {
                Assert.Equal(priority, parsed.GetProperty("priority").GetInt32());
            }
        }
        else
        {
            Assert.Equal(0, parsed.GetProperty("S").GetInt32());
        }

        AssertIes(ScapyView.Of(message), parsed.GetProperty("ies"), type.ToString());
        // Writing back what it read gives Steward's octets: scapy accounted for every one.
        Assert.Equal(Convert.ToHexStringLower(PfcpCodec.Encode(message)), parsed.GetProperty("rebuilt").GetString());
    }

    [Theory]
    [MemberData(nameof(SampleMessages.Types), MemberType = typeof(SampleMessages))]
    public void Every_message_type_scapy_builds_decodes_in_steward_to_the_values_it_was_given(PfcpMessageType type)
    {
        Scapy.Require();
        var bytes = BuiltByScapy.Value[type];

        var result = PfcpCodec.Decode(bytes);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(ModelDump.Of(SampleMessages.Of(type)), ModelDump.Of(result.Message));
    }

    private static void AssertIes(IReadOnlyList<ScapyIe> expected, JsonElement actual, string where)
    {
        var nodes = actual.EnumerateArray().ToArray();
        Assert.True(expected.Count == nodes.Length,
            $"{where}: expected IEs {string.Join(",", expected.Select(e => e.Type))}, scapy read {string.Join(",", nodes.Select(n => n.GetProperty("cls").GetString()))}");
        for (var i = 0; i < expected.Count; i++)
        {
            var node = nodes[i];
            var here = $"{where}/{expected[i].Type}";
            var cls = node.GetProperty("cls").GetString();
            Assert.True((int)expected[i].Type == node.GetProperty("ietype").GetInt32(), $"{here}: scapy read {cls}");
            Assert.DoesNotContain("NotImplemented", cls, StringComparison.Ordinal);
            var fields = node.GetProperty("f");
            foreach (var (name, value) in expected[i].Fields)
            {
                Assert.True(fields.TryGetProperty(name, out var field), $"{here}: scapy has no field {name} in {fields}");
                Assert.True(value == Text(field), $"{here}.{name}: expected {value}, scapy read {Text(field)}");
            }

            if (expected[i].Children is { } children)
            {
                AssertIes(children, node.GetProperty("ies"), here);
            }
        }
    }

    private static string Text(JsonElement field) => field.ValueKind == JsonValueKind.String ? field.GetString()! : field.GetRawText();
}
