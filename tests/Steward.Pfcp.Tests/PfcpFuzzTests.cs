using System.Buffers.Binary;
using System.Globalization;
using Steward.Pfcp.Codec;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Tests;

/// <summary>
/// Seeded mutations of valid messages through the decoder: the only outcomes are a message or a decode error.
/// 100,000 per run; STEWARD_FUZZ_SCALE=10 makes it 1,000,000 for a long run by hand.
/// </summary>
public class PfcpFuzzTests
{
    private const int BaseIterations = 100_000;

    private static readonly HashSet<IeType> Grouped =
    [
        IeType.CreatePdr, IeType.Pdi, IeType.CreateFar, IeType.ForwardingParameters, IeType.CreateUrr, IeType.CreateQer, IeType.CreatedPdr,
        IeType.UpdatePdr, IeType.UpdateFar, IeType.UpdateForwardingParameters, IeType.UpdateUrr, IeType.UpdateQer, IeType.RemovePdr,
        IeType.RemoveFar, IeType.RemoveUrr, IeType.RemoveQer, IeType.QueryUrr, IeType.UsageReportSessionModificationResponse,
        IeType.UsageReportSessionDeletionResponse, IeType.UsageReportSessionReportRequest, IeType.DownlinkDataReport, IeType.UserPlanePathFailureReport, IeType.ErrorIndicationReport,
    ];

    private static int Scale =>
        int.TryParse(Environment.GetEnvironmentVariable("STEWARD_FUZZ_SCALE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var scale) && scale > 0 ? scale : 1;

    [Fact]
    public void Seeded_mutations_of_every_message_decode_to_a_message_that_encodes_again_or_a_decode_error_never_an_exception()
    {
        var seeds = SampleMessages.All().Select(PfcpCodec.Encode).ToArray();
        var random = new Random(20261208);
        var outcomes = new Dictionary<string, int>();
        var iterations = BaseIterations * Scale;
        for (var i = 0; i < iterations; i++)
        {
            var original = seeds[random.Next(seeds.Length)];
            var mutated = Mutate(original, seeds, random, out var kind);
            PfcpDecodeResult result;
            try
            {
                result = PfcpCodec.Decode(mutated);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"iteration {i} ({kind}) threw on {Convert.ToHexString(mutated)}: {e}");
            }

            var outcome = result.IsSuccess ? "message" : $"{result.Error.Action}/{result.Error.Cause}";
            if (result.IsSuccess)
            {
                // Whatever decodes can be written back: a node may echo what it read (an F-TEID, a Node ID).
                try
                {
                    PfcpCodec.Encode(result.Message);
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"iteration {i} ({kind}) decoded {Convert.ToHexString(mutated)} to a message that does not encode: {e}");
                }
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            Assert.InRange(result.BytesConsumed, 0, mutated.Length);
        }

        TestContext.Current.SendDiagnosticMessage(string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key}: {o.Value}")));
        // The mutations reach past the header: some still decode, some are rejected for what is inside.
        Assert.True(outcomes.GetValueOrDefault("message") > iterations / 100, string.Join(", ", outcomes));
        Assert.Contains(outcomes.Keys, k => k.StartsWith("Reject/MandatoryIe", StringComparison.Ordinal));
        Assert.Contains("Reject/InvalidLength", outcomes.Keys);
    }

    private static byte[] Mutate(byte[] original, byte[][] seeds, Random random, out string kind)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(5))
        {
            case 0:
                kind = "bit flips";
                for (var n = random.Next(1, 5); n > 0; n--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return bytes;
            case 1:
                kind = "truncation";
                return bytes[..random.Next(bytes.Length)];
            case 2:
                kind = "length corruption";
                var ies = IeOffsets(bytes);
                if (ies.Count == 0)
                {
                    return bytes;
                }

                var (at, length) = ies[random.Next(ies.Count)];
                var corrupt = random.Next(4) switch
                {
                    0 => 0,
                    1 => length + random.Next(-3, 4),
                    2 => 0xFFFF,
                    _ => random.Next(0x10000),
                };
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at + 2), (ushort)Math.Clamp(corrupt, 0, 0xFFFF));
                return bytes;
            case 3:
                kind = "IE splice";
                return Splice(bytes, seeds[random.Next(seeds.Length)], random, replace: false);
            default:
                kind = "IE replacement";
                return Splice(bytes, seeds[random.Next(seeds.Length)], random, replace: true);
        }
    }

    /// <summary>Puts an IE of <paramref name="donor"/> (from any depth) at a top-level IE boundary, fixing the message length so the decoder goes past the header.</summary>
    private static byte[] Splice(byte[] bytes, byte[] donor, Random random, bool replace)
    {
        var donorIes = IeOffsets(donor);
        var targets = IeOffsets(bytes, topLevelOnly: true);
        if (donorIes.Count == 0)
        {
            return bytes;
        }

        var (from, length) = donorIes[random.Next(donorIes.Count)];
        var ie = donor.AsSpan(from, 4 + length);
        var headerLength = HeaderLength(bytes);
        int at, removed;
        if (targets.Count == 0)
        {
            (at, removed) = (headerLength, 0);
        }
        else
        {
            var target = targets[random.Next(targets.Count)];
            (at, removed) = (target.At, replace ? 4 + target.Length : 0);
        }

        byte[] result = [.. bytes.AsSpan(0, at), .. ie, .. bytes.AsSpan(at + removed)];
        if (result.Length - 4 <= ushort.MaxValue)
        {
            BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(2), (ushort)(result.Length - 4));
        }

        return result;
    }

    private static int HeaderLength(byte[] bytes) => (bytes[0] & 1) != 0 ? PfcpHeader.SessionHeaderLength : PfcpHeader.NodeHeaderLength;

    /// <summary>Where each IE starts and its length, walking into the grouped ones (the octets are a valid encoding).</summary>
    private static List<(int At, int Length)> IeOffsets(byte[] bytes, bool topLevelOnly = false)
    {
        var found = new List<(int, int)>();
        Walk(bytes, HeaderLength(bytes), bytes.Length, topLevelOnly, found);
        return found;
    }

    private static void Walk(byte[] bytes, int start, int end, bool topLevelOnly, List<(int, int)> found)
    {
        var at = start;
        while (at + 4 <= end)
        {
            var type = (IeType)BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at));
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at + 2));
            if (at + 4 + length > end)
            {
                return;
            }

            found.Add((at, length));
            if (!topLevelOnly && Grouped.Contains(type))
            {
                Walk(bytes, at + 4, at + 4 + length, topLevelOnly, found);
            }

            at += 4 + length;
        }
    }
}
