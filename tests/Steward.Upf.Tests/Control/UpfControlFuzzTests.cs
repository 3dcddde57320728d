using System.Net;
using Steward.Pfcp.Codec;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Smf;
using Steward.Pfcp.Wire;
using Steward.Upf.Control;
using Steward.Upf.DataPath;

namespace Steward.Upf.Tests.Control;

/// <summary>
/// Seeded mutations of valid session requests, decoded and handed to the UPF's PFCP side over the
/// real user plane: whatever decodes gets a response with a cause, never an exception. The budget
/// is multiplied by STEWARD_FUZZ_SCALE for a long run by hand.
/// </summary>
public sealed class UpfControlFuzzTests
{
    private static readonly IPEndPoint Smf = new(IPAddress.Parse("192.0.2.1"), 8805);
    private static readonly NodeId SmfNode = NodeId.FromAddress(Smf.Address);

    private static int Budget(int baseline) =>
        baseline * (int.TryParse(Environment.GetEnvironmentVariable("STEWARD_FUZZ_SCALE"), out var scale) && scale > 0 ? scale : 1);

    [Fact]
    public async Task Mutated_session_requests_get_a_response_with_a_cause_or_do_not_decode()
    {
        await using var control = UpfControl.Start(new IPEndPoint(IPAddress.Loopback, 0), new UserPlane(), new UpfControlOptions { NodeId = NodeId.FromFqdn("upf.fuzz"), N3Address = IPAddress.Parse("198.51.100.7") });
        var token = TestContext.Current.CancellationToken;
        await control.HandleAsync(Smf, new AssociationSetupRequest { NodeId = SmfNode, RecoveryTimeStamp = new NtpTime(3_900_000_000) }, token);
        var established = Assert.IsType<SessionEstablishmentResponse>(await control.HandleAsync(Smf, Establishment(), token));
        var seid = established.UpFSeid!.Seid;
        byte[][] seeds =
        [
            PfcpCodec.Encode(Establishment()),
            PfcpCodec.Encode(new SessionModificationRequest
            {
                Seid = seid,
                UpdateFars = [new UpdateFar { FarId = 2, UpdateForwardingParameters = new UpdateForwardingParameters { OuterHeaderCreation = OuterHeaderCreation.GtpuIPv4(7, IPAddress.Parse("198.51.100.30")) } }],
                QueryUrrs = [new QueryUrr(1)],
                CreateQers = [new CreateQer { QerId = 9, GateStatus = GateStatus.Open, Mbr = new Mbr(1, 2) }],
                RemoveQers = [new RemoveQer(9)],
            }),
            PfcpCodec.Encode(new SessionDeletionRequest { Seid = seid }),
        ];
        var random = new Random(20261208);
        var answered = 0;
        for (var i = 0; i < Budget(20_000); i++)
        {
            var datagram = Mutate(seeds[i % seeds.Length], random);
            var decoded = PfcpCodec.Decode(datagram);
            if (!decoded.IsSuccess)
            {
                continue;
            }

            var response = await control.HandleAsync(Smf, decoded.Message, token);
            if (decoded.Message.MessageType.IsRequest())
            {
                Assert.NotNull(response);
                Assert.True(CauseOf(response) is not PfcpCause.Reserved, $"mutation {i}: {response}");
                answered++;
            }
        }

        Assert.True(answered > 0, "some mutations decoded and were answered");
    }

    private static SessionEstablishmentRequest Establishment() => SmfN4Client.BuildEstablishment(
        new PduSessionRequest { UeAddress = IPAddress.Parse("10.45.0.2"), GnbAddress = IPAddress.Parse("198.51.100.20"), GnbTeid = 0x100, UplinkMbrKbps = 1000, VolumeThresholdBytes = 5000 },
        SmfNode, new FSeid(0xABC, IPv4: Smf.Address));

    private static PfcpCause CauseOf(PfcpMessage? response) => response switch
    {
        SessionEstablishmentResponse r => r.Cause,
        SessionModificationResponse r => r.Cause,
        SessionDeletionResponse r => r.Cause,
        SessionReportResponse r => r.Cause,
        AssociationSetupResponse r => r.Cause,
        AssociationUpdateResponse r => r.Cause,
        AssociationReleaseResponse r => r.Cause,
        NodeReportResponse r => r.Cause,
        _ => PfcpCause.Reserved,
    };

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = (byte[])seed.Clone();
        // A message with no IEs (Session Deletion) can only have its header damaged.
        switch (bytes.Length > 17 ? random.Next(4) : 0)
        {
            case 0:
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    var at = random.Next(bytes.Length);
                    bytes[at] ^= (byte)(1 << random.Next(8));
                }

                return bytes;
            case 1:
                // Past the header, so the body's IEs take the damage.
                var offset = random.Next(16, bytes.Length);
                bytes[offset] = (byte)random.Next(256);
                return bytes;
            case 2:
                return bytes[..random.Next(16, bytes.Length)];
            default:
                var from = random.Next(16, bytes.Length);
                var length = random.Next(1, Math.Min(24, bytes.Length - from) + 1);
                var to = random.Next(16, bytes.Length - length + 1);
                bytes.AsSpan(from, length).CopyTo(bytes.AsSpan(to));
                return bytes;
        }
    }
}
