using System.Net;
using Steward.Pfcp.Codec;
using Steward.Pfcp.Ies;
using Steward.Pfcp.Messages;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Tests;

/// <summary>The IE layouts the sample session does not use (IPv6 everywhere, UDP and VLAN outer headers, second flag octets), round-tripped and judged by tshark.</summary>
public sealed class RareShapesTests
{
    private static readonly IPAddress UpfV6 = IPAddress.Parse("2001:db8::2");
    private static readonly IPAddress GnbV6 = IPAddress.Parse("2001:db8:1::7");

    private static SessionEstablishmentRequest Request() => new()
    {
        SequenceNumber = 0xFFFFFF,
        Seid = 0,
        MessagePriority = 15,
        NodeId = NodeId.FromAddress(IPAddress.Parse("2001:db8::1")),
        CpFSeid = new FSeid(ulong.MaxValue, IPv6: IPAddress.Parse("2001:db8::1")),
        CreatePdrs =
        [
            new CreatePdr
            {
                PdrId = ushort.MaxValue,
                Precedence = uint.MaxValue,
                Pdi = new Pdi
                {
                    SourceInterface = SourceInterface.Access,
                    LocalFTeid = FTeid.Of(0xFFFF_FFFF, IPAddress.Parse("10.0.0.2"), UpfV6),
                    UeIpAddress = new UeIpAddress { IPv6 = IPAddress.Parse("2001:db8:45::"), IPv6PrefixDelegationBits = 8, IPv6PrefixLength = 64 },
                    SdfFilters = [new SdfFilter { SdfFilterId = 1 }, new SdfFilter { FlowLabel = 0xFFFFF }],
                    Qfis = [1, 63],
                },
                OuterHeaderRemoval = new OuterHeaderRemoval(OuterHeaderRemovalDescription.GtpuUdpIPv6),
            },
            new CreatePdr
            {
                PdrId = 2,
                Precedence = 0,
                Pdi = new Pdi
                {
                    SourceInterface = SourceInterface.Core,
                    LocalFTeid = new FTeid { Choose = true, ChooseIPv4 = true, ChooseIPv6 = true },
                    UeIpAddress = new UeIpAddress { ChooseIPv4 = true, ChooseIPv6 = true, IsDestination = true },
                },
            },
        ],
        CreateFars =
        [
            new CreateFar
            {
                FarId = 1,
                ApplyAction = ApplyAction.Buffer | ApplyAction.BufferedDownlinkPacketNotification,
                ForwardingParameters = new ForwardingParameters
                {
                    DestinationInterface = DestinationInterface.Access,
                    OuterHeaderCreation = new OuterHeaderCreation { Description = OuterHeaderCreationDescription.GtpuUdpIPv6, Teid = 7, IPv6 = GnbV6 },
                },
            },
            new CreateFar
            {
                FarId = 2,
                ApplyAction = ApplyAction.Forward,
                ForwardingParameters = new ForwardingParameters
                {
                    DestinationInterface = DestinationInterface.Core,
                    OuterHeaderCreation = new OuterHeaderCreation
                    {
                        Description = OuterHeaderCreationDescription.UdpIPv4 | OuterHeaderCreationDescription.CTag | OuterHeaderCreationDescription.STag,
                        IPv4 = IPAddress.Parse("192.0.2.1"),
                        Port = 4789,
                        CTag = 0x00_1064,
                        STag = 0x00_2065,
                    },
                },
            },
            new CreateFar { FarId = 3, ApplyAction = ApplyAction.Drop },
        ],
        CreateUrrs =
        [
            new CreateUrr
            {
                UrrId = 1,
                MeasurementMethod = MeasurementMethod.Event,
                ReportingTriggers = ReportingTriggers.UserPlaneInactivityTimer | ReportingTriggers.QuotaValidityTime,
                VolumeThreshold = new Volume(Downlink: ulong.MaxValue),
            },
        ],
        CreateQers = [new CreateQer { QerId = 1, GateStatus = new GateStatus(GateState.Closed, GateState.Closed), Mbr = new Mbr(Mbr.MaxKbps, 0) }],
    };

    [Fact]
    public void Ipv6_choose_udp_and_vlan_shapes_and_extremes_round_trip()
    {
        var request = Request();

        var bytes = PfcpCodec.Encode(request);

        Assert.Equal(ModelDump.Of(request), ModelDump.Of(PfcpCodec.Decode(bytes).Message));
    }

    [Fact]
    public void Ipv6_choose_udp_and_vlan_shapes_decode_cleanly_in_tshark_with_their_values()
    {
        Tshark.Require();
        var bytes = PfcpCodec.Encode(Request());

        var decode = Tshark.DecodeUdp([new UdpDatagram(new IPEndPoint(IPAddress.Loopback, 8805), new IPEndPoint(IPAddress.Loopback, 8805), bytes)]);

        decode.AssertClean();
        var packet = Assert.Single(decode.Packets);
        Assert.Equal(UpfV6.ToString(), packet.Field("pfcp.f_teid.ipv6_addr"));
        Assert.Equal(0xFFFF_FFFFul, packet.Number64("pfcp.f_teid.teid"));
        Assert.Equal(GnbV6.ToString(), packet.Field("pfcp.outer_hdr_creation.ipv6"));
        Assert.Equal(4789ul, packet.Number64("pfcp.outer_hdr_creation.port"));
        Assert.Equal("2001:db8:45::", packet.Field("pfcp.ue_ip_addr_ipv6"));
        Assert.Equal(["0", "1"], packet.All("pfcp.ue_ip_address_flag.chv4"));
        Assert.Equal(["0", "1"], packet.All("pfcp.ue_ip_address_flag.chv6"));
        Assert.Equal(["1", "1"], packet.All("pfcp.f_teid_flags.v6"));
        Assert.Equal("1", packet.Field("pfcp.apply_action.bdpn"));
        Assert.Equal(Mbr.MaxKbps, packet.Number64("pfcp.ul_mbr"));
        Assert.Equal(ulong.MaxValue, packet.Number64("pfcp.volume_threshold.dlvol"));
        Assert.Equal(0xFFFFFFul, packet.Number64("pfcp.seqno"));
        Assert.Equal(15ul, packet.Number64("pfcp.mp"));
    }

    [Fact]
    public void Feature_octets_past_the_second_round_trip_and_show_in_tshark()
    {
        Tshark.Require();
        var response = new AssociationSetupResponse
        {
            SequenceNumber = 1,
            NodeId = NodeId.FromFqdn("upf"),
            Cause = PfcpCause.RequestAccepted,
            RecoveryTimeStamp = new NtpTime(0x8000_0000),
            UpFunctionFeatures = UpFunctionFeatures.Ftup | UpFunctionFeatures.Gcom | (UpFunctionFeatures)(1UL << 40),
            CpFunctionFeatures = CpFunctionFeatures.Psucc | CpFunctionFeatures.Rpgur,
        };
        var bytes = PfcpCodec.Encode(response);

        Assert.Equal(ModelDump.Of(response), ModelDump.Of(PfcpCodec.Decode(bytes).Message));
        var decode = Tshark.DecodeUdp([new UdpDatagram(new IPEndPoint(IPAddress.Loopback, 8805), new IPEndPoint(IPAddress.Loopback, 8805), bytes)]);
        decode.AssertClean();
        var packet = Assert.Single(decode.Packets);
        Assert.Equal("1", packet.Field("pfcp.up_function_features.ftup"));
        Assert.Equal("1", packet.Field("pfcp.cp_function_features.psucc"));
        Assert.Equal("1", packet.Field("pfcp.cp_function_features.rpgur"));
    }
}
