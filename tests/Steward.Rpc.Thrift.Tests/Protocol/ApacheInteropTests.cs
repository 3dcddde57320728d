using System.Buffers;

namespace Steward.Rpc.Thrift.Tests.Protocol;

/// <summary>Byte-for-byte and value-for-value agreement with Apache Thrift 0.25 (netstd), both directions.</summary>
public class ApacheInteropTests
{
    public static TheoryData<ThriftProtocolKind> Kinds => [ThriftProtocolKind.Binary, ThriftProtocolKind.Compact, ThriftProtocolKind.Json];

    [Theory, MemberData(nameof(Kinds))]
    public async Task Our_bytes_are_identical_to_apache_bytes(ThriftProtocolKind kind)
    {
        foreach (var message in WireSamples.All())
        {
            var ours = OurWire.Write(kind, message);
            var theirs = await ApacheWire.WriteAsync(kind, message);
            Assert.True(theirs.AsSpan().SequenceEqual(ours), $"{kind} bytes differ for {Describe(message)}:\n ours   {Convert.ToHexString(ours)}\n apache {Convert.ToHexString(theirs)}");
        }
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Apache_reads_our_bytes_to_the_same_values(ThriftProtocolKind kind)
    {
        foreach (var message in WireSamples.All())
        {
            var ours = OurWire.Write(kind, message);
            var read = await ApacheWire.ReadAsync(kind, ours, message.Body);
            Assert.Equal(message.ToString(), read.ToString());
        }
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task We_read_apache_bytes_to_the_same_values(ThriftProtocolKind kind)
    {
        foreach (var message in WireSamples.All())
        {
            var theirs = await ApacheWire.WriteAsync(kind, message);
            var read = OurWire.Read(kind, new ReadOnlySequence<byte>(theirs), message.Body);
            Assert.Equal(message.ToString(), read.ToString());
        }
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Skip_passes_over_every_apache_message_exactly(ThriftProtocolKind kind)
    {
        var reader = ThriftProtocols.CreateReader(kind);
        foreach (var message in WireSamples.All())
        {
            var theirs = await ApacheWire.WriteAsync(kind, message);
            Assert.Equal(theirs.Length, OurWire.SkipMessage(reader, new ReadOnlySequence<byte>(theirs)));
        }
    }

    private static string Describe(WireMessage message)
    {
        var text = message.ToString();
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}
