using System.Globalization;
using Steward.Rpc.Corba.Tests.Server;

namespace Steward.Rpc.Corba.Tests.Giop;

/// <summary>
/// Seeded mutations of valid GIOP messages, through the decoders the server and the client run on received bytes and
/// through a live server connection. Whatever the bytes, the decoders fail only with a protocol error (MessageError) or a
/// MARSHAL (DATA_CONVERSION for a bad UTF-8 string), and the server answers only with replies, LocateReplies, MessageError
/// or a close, and keeps serving (a reply may carry the system exception for a mangled key, operation or argument). STEWARD_CORBA_FUZZ_SCALE multiplies the iterations; STEWARD_CORBA_FUZZ_SEED replays a run.
/// </summary>
public sealed class GiopFuzzTests(ITestOutputHelper output)
{
    private static readonly CdrLimits Limits = CdrLimits.Default with { MaxMessageSize = 64 * 1024 };

    private static int Scale => Environment.GetEnvironmentVariable("STEWARD_CORBA_FUZZ_SCALE") is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var scale) && scale > 0 ? scale : 1;

    private int Seed()
    {
        var seed = Environment.GetEnvironmentVariable("STEWARD_CORBA_FUZZ_SEED") is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : 20261207;
        output.WriteLine($"GIOP fuzz seed {seed} (set STEWARD_CORBA_FUZZ_SEED to replay), scale {Scale}");
        return seed;
    }

    private static byte[][] Corpus()
    {
        var messages = new List<byte[]>();
        GiopServiceContext[] contexts = [GiopServiceContext.ForCodeSets(CodeSets.Native), new GiopServiceContext(99, [0, 1, 2, 3])];
        foreach (var minor in new byte[] { 0, 1, 2 })
        {
            var version = new GiopVersion(1, minor);
            foreach (var littleEndian in new[] { true, false })
            {
                messages.Add(GiopCodec.EncodeRequest(version, 1, 3, GiopTarget.ForKey("calc"u8.ToArray()), "echo", minor > 0 ? contexts : [], CodeSets.Native,
                    static (o, v) => o.WriteString(v), "hello wörld", littleEndian));
                messages.Add(GiopCodec.EncodeRequest(version, 2, 3, GiopTarget.ForKey("calc"u8.ToArray()), "add", [], CodeSets.Default,
                    static (o, v) => { o.WriteLong(v); o.WriteLong(v); }, 21, littleEndian));
                messages.Add(GiopCodec.EncodeLocateRequest(version, 3, GiopTarget.ForKey("calc"u8.ToArray()), littleEndian));
                messages.Add(GiopCodec.EncodeReply(version, 4, GiopReplyStatus.NoException, [], CodeSets.Default, static (o, v) => o.WriteString(v), "result", littleEndian));
            }
            messages.Add(GiopCodec.EncodeRequest(version, 5, 3, GiopTarget.ForKey("calc"u8.ToArray()), "_is_a", [], CodeSets.Default, static (o, v) => o.WriteString(v), "IDL:Test/Calc:1.0"));
            messages.Add(GiopCodec.EncodeSystemExceptionReply(version, 6, CorbaSystemException.Marshal("x")));
            messages.Add(GiopCodec.EncodeCancelRequest(version, 7));
            messages.Add(GiopCodec.EncodeLocateReply<object?>(version, 8, GiopLocateStatus.ObjectHere, null, null));
            messages.Add(GiopHeader.HeaderOnly(GiopMessageType.CloseConnection, version));
        }
        var profile = new IiopProfile(GiopVersion.V1_2, "127.0.0.1", 1, "calc"u8.ToArray(), []).ToTaggedProfile();
        messages.Add(GiopCodec.EncodeRequest(GiopVersion.V1_2, 9, 3, new GiopTarget(GiopTarget.ReferenceAddr, null, null, 0, new CorbaObjectReference("IDL:Test/Calc:1.0", [profile])),
            "echo", [], CodeSets.Default, static (o, v) => o.WriteString(v), "by reference"));
        var whole = GiopCodec.EncodeRequest(GiopVersion.V1_2, 10, 3, GiopTarget.ForKey("calc"u8.ToArray()), "echo", [], CodeSets.Default, static (o, v) => o.WriteString(v), new string('z', 90));
        messages.Add([.. GiopCodecTests.Split(whole, GiopVersion.V1_2, 10, 48).SelectMany(p => p)]);
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
                case 2 when bytes.Count > 16:
                    // A length or count field made huge or zero.
                    var at = random.Next(12, bytes.Count - 3) & ~3;
                    var value = random.Next(3) switch { 0 => 0xffffffffu, 1 => 0u, _ => (uint)random.Next(1, 100_000) };
                    for (var b = 0; b < 4 && at + b < bytes.Count; b++)
                    {
                        bytes[at + b] = (byte)(value >> (8 * b));
                    }
                    break;
                case 3 when bytes.Count > 1:
                    bytes.RemoveRange(random.Next(bytes.Count), 1);
                    break;
                case 4:
                    bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                    break;
                case 5 when bytes.Count > 12:
                    // Truncated.
                    var from = random.Next(12, bytes.Count);
                    bytes.RemoveRange(from, bytes.Count - from);
                    break;
                default:
                    if (bytes.Count >= 12)
                    {
                        // Fix the size field up so that the mutation reaches the message decoders.
                        var size = (uint)(bytes.Count - 12);
                        var little = (bytes[6] & 1) != 0;
                        for (var b = 0; b < 4; b++)
                        {
                            bytes[8 + b] = (byte)(little ? size >> (8 * b) : size >> (8 * (3 - b)));
                        }
                    }
                    break;
            }
        }
        return [.. bytes];
    }

    /// <summary>What the server's and client's read paths do with received bytes; the number of messages decoded whole.</summary>
    private static int Decode(byte[] bytes)
    {
        var decoded = 0;
        var assembler = new GiopFragmentAssembler(Limits);
        var offset = 0;
        while (bytes.Length - offset >= GiopHeader.Length)
        {
            var header = GiopHeader.Read(bytes.AsSpan(offset, GiopHeader.Length), Limits.MaxMessageSize);
            if (bytes.Length - offset < header.MessageSize)
            {
                break;
            }
            var raw = bytes.AsSpan(offset, header.MessageSize).ToArray();
            offset += header.MessageSize;
            if (assembler.Add(header, raw) is not var (whole, message))
            {
                continue;
            }
            switch (whole.Type)
            {
                case GiopMessageType.Request:
                    var request = GiopCodec.DecodeRequest(whole, message, Limits);
                    _ = request.Target.ResolveKey(Limits);
                    var codeSets = request.Contexts.FirstOrDefault(c => c.Id == GiopServiceContext.CodeSetsId)?.ReadCodeSets(Limits) ?? CodeSets.Default;
                    codeSets = new CodeSets(codeSets.Char is CodeSets.Utf8 ? CodeSets.Utf8 : CodeSets.Iso8859_1, codeSets.WChar == CodeSets.Utf16 ? CodeSets.Utf16 : CodeSets.None);
                    var body = request.OpenBody(codeSets, Limits);
                    if (request.Operation == "add")
                    {
                        body.ReadLong();
                        body.ReadLong();
                    }
                    else
                    {
                        body.ReadString();
                    }
                    break;
                case GiopMessageType.Reply:
                    var reply = GiopCodec.DecodeReply(whole, message, Limits);
                    var input = reply.OpenBody(CodeSets.Default, Limits);
                    if (reply.Status == GiopReplyStatus.SystemException)
                    {
                        GiopCodec.ReadSystemException(input);
                    }
                    else if (reply.Status is GiopReplyStatus.LocationForward or GiopReplyStatus.LocationForwardPerm)
                    {
                        CorbaObjectReference.Read(input).FindIiopProfile(Limits);
                    }
                    else
                    {
                        input.ReadString();
                    }
                    break;
                case GiopMessageType.CancelRequest:
                    GiopCodec.DecodeCancelRequest(whole, message, Limits);
                    break;
                case GiopMessageType.LocateRequest:
                    GiopCodec.DecodeLocateRequest(whole, message, Limits).Target.ResolveKey(Limits);
                    break;
                case GiopMessageType.LocateReply:
                    GiopCodec.DecodeLocateReply(whole, message, Limits);
                    break;
            }
            decoded++;
        }
        return decoded;
    }

    [Fact]
    public void Mutated_messages_fail_only_with_MessageError_or_MARSHAL()
    {
        var corpus = Corpus();
        var random = new Random(Seed());
        var iterations = 100_000 * Scale;
        var rejected = 0;
        var accepted = 0;
        for (var i = 0; i < iterations; i++)
        {
            var mutant = Mutate(random, corpus[random.Next(corpus.Length)]);
            try
            {
                accepted += Decode(mutant) > 0 ? 1 : 0;
            }
            catch (GiopProtocolException)
            {
                rejected++;
            }
            catch (CorbaSystemException ex) when (ex.Name is "MARSHAL" or "DATA_CONVERSION")
            {
                rejected++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"mutant {i} ({Convert.ToHexString(mutant)}) threw {ex.GetType().Name}: {ex.Message}");
            }
        }
        // Both outcomes must be common, or the mutations are not reaching the body decoders.
        Assert.InRange(rejected, iterations / 10, iterations);
        Assert.InRange(accepted, iterations / 100, iterations);
    }

    [Fact]
    public async Task Mutated_messages_sent_to_a_live_server_get_only_replies_or_MessageError_and_the_server_keeps_serving()
    {
        await using var host = await CorbaTestHost.StartAsync();
        var corpus = Corpus().Where(m => m[7] is (byte)GiopMessageType.Request or (byte)GiopMessageType.LocateRequest).ToArray();
        var random = new Random(Seed());
        var connections = 1_000 * Scale;
        var answers = new Dictionary<string, int>();
        for (var i = 0; i < connections; i++)
        {
            var mutant = Mutate(random, corpus[random.Next(corpus.Length)]);
            using var raw = await RawGiop.ConnectAsync(host);
            await raw.SendAsync(mutant);
            raw.ShutdownSend();
            while (true)
            {
                (GiopHeader Header, byte[] Message)? next;
                try
                {
                    next = await raw.ReadAsync();
                }
                catch (GiopProtocolException ex)
                {
                    Assert.Fail($"mutant {i} ({Convert.ToHexString(mutant)}): the server sent something that is not GIOP: {ex.Message}");
                    throw;
                }
                if (next is not var (header, message))
                {
                    break;
                }
                var what = header.Type switch
                {
                    GiopMessageType.Reply => GiopCodec.DecodeReply(header, message, CdrLimits.Default) is { Status: GiopReplyStatus.SystemException } reply
                        ? GiopCodec.ReadSystemException(reply.OpenBody(CodeSets.Default, CdrLimits.Default)).Name
                        : "reply",
                    GiopMessageType.LocateReply or GiopMessageType.MessageError or GiopMessageType.CloseConnection => header.Type.ToString(),
                    _ => throw new InvalidOperationException($"mutant {i}: the server sent {header.Type}"),
                };
                // BAD_PARAM: echo read a string with a NUL inside, which no CDR string can carry back.
                Assert.True(what is "reply" or "MARSHAL" or "DATA_CONVERSION" or "BAD_OPERATION" or "OBJECT_NOT_EXIST" or "NO_IMPLEMENT" or "BAD_PARAM"
                    or nameof(GiopMessageType.LocateReply) or nameof(GiopMessageType.MessageError) or nameof(GiopMessageType.CloseConnection),
                    $"mutant {i} ({Convert.ToHexString(mutant)}) was answered {what}");
                answers[what] = answers.GetValueOrDefault(what) + 1;
            }
        }
        output.WriteLine(string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{a.Key}: {a.Value}")));
        Assert.True(answers.GetValueOrDefault(nameof(GiopMessageType.MessageError)) > 0);
        Assert.True(answers.GetValueOrDefault("MARSHAL") + answers.GetValueOrDefault("reply") > 0);
        Assert.False(host.Logs.Contains("the servant threw"));
        using var channel = host.CreateChannel();
        var add = await channel.CreateCallInvoker().AsyncUnaryCall(CalcService.Add, new AddArgs(2, 2), new CallOptions(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(4, add.Value);
    }
}
