using System.Buffers;

namespace Steward.Rpc.Ice.Tests.Protocol;

/// <summary>
/// Seeded mutations of valid messages fed to the decoders the server and the client run on received bytes.
/// Whatever the bytes, the only failure allowed is an <see cref="IceProtocolException"/> (bad header, marshal
/// error, memory limit): nothing else escapes, nothing hangs, nothing allocates past the limits.
/// </summary>
public sealed class FuzzTests
{
    private const int Iterations = 100_000;

    private static readonly IceLimits Limits = IceLimits.Default with { MaxMessageSize = 64 * 1024 };

    private static byte[][] Corpus()
    {
        var messages = new List<byte[]>();
        foreach (var (facet, context, id) in new[] { ("", 0, 1), ("admin", 2, 7), ("", 1, 0) })
        {
            var output = new IceOutputStream();
            IceFrameCodec.StartMessage(output, IceMessageType.Request);
            output.WriteInt(id);
            var entries = Enumerable.Range(0, context).Select(i => new KeyValuePair<string, string>("k" + i, "v" + i)).ToArray();
            IceFrameCodec.WriteRequestHead(output, new IceIdentity("calc", facet.Length > 0 ? "cat" : ""), facet, "echo", IceOperationMode.Idempotent, entries, (1, 1));
            output.WriteString("hello world");
            output.WriteInt(42);
            output.EndEncapsulation();
            IceFrameCodec.EndMessage(output);
            messages.Add(output.ToArray());
        }
        var batch = new IceOutputStream();
        IceFrameCodec.StartMessage(batch, IceMessageType.BatchRequest);
        batch.WriteInt(3);
        for (var i = 0; i < 3; i++)
        {
            IceFrameCodec.WriteRequestHead(batch, new IceIdentity("b" + i), "", "notify", IceOperationMode.Normal, null, (1, 0));
            batch.WriteString("x" + i);
            batch.EndEncapsulation();
        }
        IceFrameCodec.EndMessage(batch);
        messages.Add(batch.ToArray());
        messages.Add(IceMessageHeader.HeaderOnly(IceMessageType.ValidateConnection));
        messages.Add(IceFrameCodec.EncodeNotExistReply(3, IceReplyStatus.ObjectNotExist, new IceIdentity("n", "c"), "f", "op"));
        messages.Add(IceFrameCodec.EncodeUnknownReply(4, IceReplyStatus.UnknownException, "text"));
        return [.. messages];
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var bytes = seed.ToList();
        var mutations = random.Next(1, 5);
        for (var m = 0; m < mutations; m++)
        {
            switch (random.Next(7))
            {
                case 0 when bytes.Count > 0:
                    bytes[random.Next(bytes.Count)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveRange(random.Next(bytes.Count), 1);
                    break;
                case 3:
                    bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                    break;
                case 4 when bytes.Count > 4:
                    // An extreme int (a size, count or id) somewhere.
                    var at = random.Next(bytes.Count - 3);
                    var value = random.Next(4) switch { 0 => -1, 1 => int.MaxValue, 2 => 255, _ => random.Next() };
                    for (var i = 0; i < 4; i++)
                    {
                        bytes[at + i] = (byte)(value >> (8 * i));
                    }
                    break;
                case 5 when bytes.Count > 0:
                    var cut = random.Next(bytes.Count);
                    bytes.RemoveRange(cut, bytes.Count - cut);
                    break;
                default:
                    // A lone 255 (a size that says "an int follows").
                    bytes.Insert(random.Next(bytes.Count + 1), 255);
                    break;
            }
        }
        // Most mutants keep a consistent size field so that the body decoders, not only the header check, see them.
        if (bytes.Count >= IceMessageHeader.Length && random.Next(4) != 0)
        {
            for (var i = 0; i < 4; i++)
            {
                bytes[10 + i] = (byte)(bytes.Count >> (8 * i));
            }
        }
        return [.. bytes];
    }

    /// <summary>What the server does with received bytes: cut messages, then decode each Request or BatchRequest.</summary>
    private static int ServerDecode(byte[] bytes)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        var decoded = 0;
        while (IceFrameReader.TryReadMessage(ref buffer, Limits.MaxMessageSize, out var header, out var message))
        {
            if (header.Type is IceMessageType.Request or IceMessageType.BatchRequest)
            {
                foreach (var request in IceFrameCodec.DecodeRequests(message, Limits))
                {
                    // The dispatcher's next step: open the parameters' encapsulation.
                    var input = new IceInputStream(request.Encapsulation, Limits);
                    input.StartEncapsulation();
                    decoded++;
                }
            }
        }
        return decoded;
    }

    [Fact]
    public void Mutated_messages_fail_only_with_protocol_exceptions()
    {
        var corpus = Corpus();
        var random = new Random(20261207);
        var rejected = 0;
        var accepted = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var mutant = Mutate(random, corpus[random.Next(corpus.Length)]);
            try
            {
                accepted += ServerDecode(mutant) > 0 ? 1 : 0;
                if (mutant.Length >= IceMessageHeader.Length && mutant[8] == (byte)IceMessageType.Reply)
                {
                    IceFrameCodec.DecodeReply(mutant, Limits);
                }
            }
            catch (IceProtocolException)
            {
                rejected++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"mutant {i} ({Convert.ToHexString(mutant)}) threw {ex.GetType().Name}: {ex.Message}");
            }
        }
        // Both outcomes must be common, or the mutations are not reaching the body decoders.
        Assert.InRange(rejected, Iterations / 10, Iterations);
        Assert.InRange(accepted, Iterations / 100, Iterations);
    }

    [Fact]
    public void Mutated_proxies_read_or_fail_only_with_marshal_exceptions()
    {
        var seeds = new[] { "cat/test -f fa -o:tcp -h 127.0.0.1 -p 10000 -t 5000 -z:tcp -h h2 -p 2", "test:tcp -h ::1 -p 1" }.Select(text =>
        {
            var output = new IceOutputStream();
            output.WriteProxy(IceProxyReference.Parse(text.Replace("::1", "\"::1\"", StringComparison.Ordinal)));
            return output.ToArray();
        }).ToArray();
        var random = new Random(7);
        var read = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var mutant = Mutate(random, seeds[random.Next(seeds.Length)]);
            try
            {
                read += new IceInputStream(mutant, Limits).ReadProxy() is null ? 0 : 1;
            }
            catch (IceMarshalException)
            {
            }
            catch (Exception ex)
            {
                Assert.Fail($"mutant {i} ({Convert.ToHexString(mutant)}) threw {ex.GetType().Name}: {ex.Message}");
            }
        }
        Assert.InRange(read, Iterations / 100, Iterations);
    }
}
