using System.Net;
using BenchmarkDotNet.Attributes;
using Steward.Pfcp.Codec;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Messages;

namespace Steward.Pfcp.Benchmarks;

/// <summary>
/// The codec's share of a PFCP exchange: a heartbeat, and the Session Establishment Request an SMF sends for
/// one PDU session (uplink and downlink PDRs, two FARs, a URR, a QER), written into a buffer and read back.
/// </summary>
[MemoryDiagnoser]
public class PfcpCodecBenchmarks
{
    private readonly byte[] _buffer = new byte[65_539];
    private HeartbeatRequest _heartbeat = null!;
    private SessionEstablishmentRequest _establishment = null!;
    private byte[] _heartbeatBytes = [];
    private byte[] _establishmentBytes = [];

    [GlobalSetup]
    public void Setup()
    {
        var smf = IPAddress.Parse("10.0.0.1");
        var ue = IPAddress.Parse("10.45.0.2");
        _heartbeat = new HeartbeatRequest { SequenceNumber = 1, RecoveryTimeStamp = NtpTime.Now };
        _establishment = new SessionEstablishmentRequest
        {
            SequenceNumber = 2,
            NodeId = NodeId.FromAddress(smf),
            CpFSeid = new FSeid(1, smf),
            CreatePdrs =
            [
                new CreatePdr
                {
                    PdrId = 1,
                    Precedence = 200,
                    Pdi = new Pdi { SourceInterface = SourceInterface.Access, LocalFTeid = FTeid.ChooseV4(), NetworkInstance = "internet", UeIpAddress = new UeIpAddress { IPv4 = ue } },
                    OuterHeaderRemoval = new OuterHeaderRemoval(OuterHeaderRemovalDescription.GtpuUdpIPv4),
                    FarId = 1,
                    UrrIds = [1],
                    QerIds = [1],
                },
                new CreatePdr
                {
                    PdrId = 2,
                    Precedence = 200,
                    Pdi = new Pdi
                    {
                        SourceInterface = SourceInterface.Core,
                        NetworkInstance = "internet",
                        UeIpAddress = new UeIpAddress { IPv4 = ue, IsDestination = true },
                        SdfFilters = [new SdfFilter { FlowDescription = "permit out ip from any to assigned" }],
                    },
                    FarId = 2,
                    UrrIds = [1],
                    QerIds = [1],
                },
            ],
            CreateFars =
            [
                new CreateFar { FarId = 1, ApplyAction = ApplyAction.Forward, ForwardingParameters = new ForwardingParameters { DestinationInterface = DestinationInterface.Core } },
                new CreateFar
                {
                    FarId = 2,
                    ApplyAction = ApplyAction.Forward,
                    ForwardingParameters = new ForwardingParameters
                    {
                        DestinationInterface = DestinationInterface.Access,
                        OuterHeaderCreation = OuterHeaderCreation.GtpuIPv4(0x1234, IPAddress.Parse("10.100.0.7")),
                    },
                },
            ],
            CreateUrrs = [new CreateUrr { UrrId = 1, MeasurementMethod = MeasurementMethod.Volume, ReportingTriggers = ReportingTriggers.VolumeThreshold, VolumeThreshold = new Volume(Total: 1_000_000) }],
            CreateQers = [new CreateQer { QerId = 1, GateStatus = GateStatus.Open, Mbr = new Mbr(100_000, 100_000), Qfi = 9 }],
        };
        _heartbeatBytes = PfcpCodec.Encode(_heartbeat);
        _establishmentBytes = PfcpCodec.Encode(_establishment);
        if (!PfcpCodec.Decode(_establishmentBytes).IsSuccess)
        {
            throw new InvalidOperationException("the establishment request does not read back");
        }
    }

    [Benchmark]
    public int EncodeHeartbeat() => PfcpCodec.Encode(_heartbeat, _buffer);

    [Benchmark]
    public bool DecodeHeartbeat() => PfcpCodec.Decode(_heartbeatBytes).IsSuccess;

    [Benchmark]
    public int EncodeEstablishment() => PfcpCodec.Encode(_establishment, _buffer);

    [Benchmark]
    public bool DecodeEstablishment() => PfcpCodec.Decode(_establishmentBytes).IsSuccess;
}
