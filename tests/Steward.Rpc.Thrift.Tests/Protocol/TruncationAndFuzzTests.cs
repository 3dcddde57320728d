using System.Buffers;
using static Steward.Rpc.Thrift.Tests.Protocol.WireNode;

namespace Steward.Rpc.Thrift.Tests.Protocol;

/// <summary>
/// Every truncation is reported as incomplete (the buffered transport waits on it), and no mutation of a
/// valid message makes a reader throw anything but <see cref="ThriftProtocolException"/>.
/// </summary>
public class TruncationAndFuzzTests
{
    public static TheoryData<ThriftProtocolKind> Kinds => [ThriftProtocolKind.Binary, ThriftProtocolKind.Compact, ThriftProtocolKind.Json];

    private static IEnumerable<WireMessage> Corpus() =>
    [
        new("ping", ThriftMessageType.Call, 7, Struct((1, Of(5)))),
        new("scalars", ThriftMessageType.Reply, -9, Struct(
            (1, Of(true)), (2, Of((sbyte)-3)), (3, Of(short.MinValue)), (4, Of(int.MaxValue)), (5, Of(long.MinValue)),
            (6, Of(double.NaN)), (7, Of(-1.25e-7)), (8, Of("héllo \"✓\" 😀\n")), (9, Of(WireSamples.Bytes(20, 3))),
            (10, Of(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"))), (11, Of(double.NegativeInfinity)))),
        new("ids", ThriftMessageType.Oneway, 0, WireSamples.FieldIds()),
        new("nested", ThriftMessageType.Exception, 1, WireSamples.Nested(6)),
        // Every container shape, without the 300-element list (quadratic cost, nothing new at each offset).
        new("containers", ThriftMessageType.Call, 2, new WireNode { Kind = WireKind.Struct, Fields = [.. WireSamples.Containers().Fields.Where(f => f.Id != 8)] }),
        // Random shapes, kept small: the truncation tests are quadratic in the message size.
        .. WireSamples.Random(1234, 40).Where(m => OurWire.Write(ThriftProtocolKind.Binary, m).Length <= 600).Take(6),
    ];

    [Theory, MemberData(nameof(Kinds))]
    public void Every_truncation_of_a_valid_message_is_incomplete_when_read(ThriftProtocolKind kind)
    {
        foreach (var message in Corpus())
        {
            var bytes = OurWire.Write(kind, message);
            for (var length = 0; length < bytes.Length; length++)
            {
                var prefix = new ReadOnlySequence<byte>(bytes, 0, length);
                var ex = Record.Exception(() => OurWire.Read(kind, prefix, message.Body));
                Assert.True(ex is ThriftIncompleteMessageException,
                    $"{kind} {message.Name} cut at {length}/{bytes.Length}: {ex?.GetType().Name ?? "no exception"} {ex?.Message}");
            }
        }
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Every_truncation_of_a_valid_message_is_incomplete_when_skipped(ThriftProtocolKind kind)
    {
        var reader = ThriftProtocols.CreateReader(kind);
        foreach (var message in Corpus())
        {
            var bytes = OurWire.Write(kind, message);
            for (var length = 0; length < bytes.Length; length++)
            {
                var prefix = Segments.Split(bytes[..length], length / 2, length / 3);
                var ex = Record.Exception(() => OurWire.SkipMessage(reader, prefix));
                Assert.True(ex is ThriftIncompleteMessageException,
                    $"{kind} {message.Name} cut at {length}/{bytes.Length}: {ex?.GetType().Name ?? "no exception"} {ex?.Message}");
            }
        }
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Mutated_messages_only_ever_throw_protocol_exceptions(ThriftProtocolKind kind)
    {
        const int Mutations = 10_000;
        var random = new Random(20261127 + (int)kind);
        var corpus = Corpus().Select(m => OurWire.Write(kind, m)).ToArray();
        var reader = ThriftProtocols.CreateReader(kind, new ThriftLimits { MaxStringSize = 1 << 20, MaxContainerSize = 100_000 });
        var outcomes = new int[3];
        for (var i = 0; i < Mutations; i++)
        {
            var mutated = Mutate(corpus[random.Next(corpus.Length)], random, kind);
            try
            {
                OurWire.SkipMessage(reader, random.Next(4) == 0 ? Segments.Random(mutated, random) : new ReadOnlySequence<byte>(mutated));
                outcomes[0]++;
            }
            catch (ThriftIncompleteMessageException)
            {
                outcomes[1]++;
            }
            catch (ThriftProtocolException)
            {
                outcomes[2]++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"{kind} mutation {i} threw {ex.GetType().Name}: {ex.Message}\ninput {Convert.ToHexString(mutated)}");
            }
        }
        // The mutations reach all three outcomes, so the corpus exercises both the readers' success and failure paths.
        Assert.All(outcomes, count => Assert.True(count > Mutations / 1000, string.Join(",", outcomes)));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Mutated_messages_read_by_their_schema_only_ever_throw_protocol_exceptions(ThriftProtocolKind kind)
    {
        // Typed reads reach what Skip does not decode: UTF-8 strings, base64, uuids, doubles by value.
        const int Mutations = 4_000;
        var random = new Random(7 + (int)kind);
        var corpus = Corpus().Select(m => (m.Body, Bytes: OurWire.Write(kind, m))).ToArray();
        for (var i = 0; i < Mutations; i++)
        {
            var (template, bytes) = corpus[random.Next(corpus.Length)];
            var mutated = Mutate(bytes, random, kind);
            try
            {
                OurWire.Read(kind, new ReadOnlySequence<byte>(mutated), template);
            }
            catch (ThriftProtocolException)
            {
            }
            catch (Xunit.Sdk.XunitException)
            {
                // The mutation changed a type or a count the schema expects: the shape differs, not a reader failure.
            }
            catch (Exception ex)
            {
                Assert.Fail($"{kind} mutation {i} threw {ex.GetType().Name}: {ex.Message}\ninput {Convert.ToHexString(mutated)}");
            }
        }
    }

    private static readonly byte[] Interesting = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x0f, 0xf0, (byte)'"', (byte)'\\', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)':', (byte)'-', (byte)'u'];

    private static byte[] Mutate(byte[] original, Random random, ThriftProtocolKind kind)
    {
        var bytes = new List<byte>(original);
        var operations = random.Next(1, 4);
        for (var op = 0; op < operations && bytes.Count > 0; op++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 3:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 9)));
                    break;
                case 4:
                {
                    var length = Math.Min(bytes.Count - at, random.Next(1, 33));
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                }
                case 5:
                    bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 5)).Select(_ => (byte)random.Next(256)));
                    break;
                default:
                    // Keep the message header intact more often, so the body is what gets fuzzed.
                    var keep = kind == ThriftProtocolKind.Json ? 6 : 8;
                    if (at > keep)
                    {
                        bytes[at] = (byte)(bytes[at] + random.Next(-2, 3));
                    }
                    break;
            }
        }
        return [.. bytes];
    }
}
