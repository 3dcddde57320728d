using System.Net;
using Steward.Linux.Sockets;
using Steward.Upf.DataPath;
using Steward.Upf.Gtpu;
using Steward.Upf.Rules;
using static Steward.Upf.Tests.Packets;

namespace Steward.Upf.Tests;

public class UserPlaneTests
{
    private static byte[] Gpdu(uint teid, byte[] inner, byte? qfi = 1)
    {
        var buffer = new byte[inner.Length + GtpuWriter.MaxGPduHeaderLength];
        var n = GtpuWriter.WriteGPdu(buffer, teid, inner, qfi is { } q ? PduSessionContainer.Uplink(q) : null);
        return buffer[..n];
    }

    private static DownlinkAction Downlink(UserPlane plane, byte[] inner, out byte[] gpdu, out Ipv4Endpoint peer)
    {
        var slot = new byte[2048];
        inner.CopyTo(slot, UserPlane.DownlinkHeadroom);
        var action = plane.ProcessDownlink(slot, UserPlane.DownlinkHeadroom, inner.Length, out var offset, out var length, out peer);
        gpdu = slot.AsSpan(offset, length).ToArray();
        return action;
    }

    [Fact]
    public void An_uplink_gpdu_for_the_sessions_teid_is_forwarded_as_its_inner_packet()
    {
        var plane = new UserPlane();
        plane.Apply(Session());
        var inner = Ipv4(Ue, Server);
        var datagram = Gpdu(UplinkTeid + 1, inner);

        Assert.Equal(UplinkAction.Forward, plane.ProcessUplink(datagram, out var p));
        Assert.Equal(inner, datagram.AsSpan(p.PayloadOffset, p.PayloadLength).ToArray());
        Assert.Equal((1L, 100L), (plane.Counters.UplinkForwarded, plane.Counters.UplinkBytes));
    }

    [Fact]
    public void A_gpdu_for_an_unknown_teid_asks_for_an_error_indication()
    {
        var plane = new UserPlane();
        plane.Apply(Session());
        Assert.Equal(UplinkAction.SendErrorIndication, plane.ProcessUplink(Gpdu(0x999, Ipv4(Ue, Server)), out var p));
        Assert.Equal(0x999u, p.Teid);
        Assert.Equal(1, plane.Counters.UnknownTeid);
    }

    [Fact]
    public void Echo_requests_are_answered_and_malformed_datagrams_dropped_and_counted()
    {
        var plane = new UserPlane();
        var echo = new byte[12];
        GtpuWriter.WriteEchoRequest(echo, 5);
        Assert.Equal(UplinkAction.AnswerEcho, plane.ProcessUplink(echo, out var p));
        Assert.Equal(5, p.SequenceNumber);
        Assert.Equal(UplinkAction.Drop, plane.ProcessUplink([0x30, 0xff, 0, 50, 0, 0, 0, 1], out _));
        Assert.Equal(UplinkAction.Drop, plane.ProcessUplink([0x32, 16, 0, 4, 0, 0, 0, 0, 0, 1, 0, 0], out _));
        var c = plane.Counters;
        Assert.Equal((1L, 1L, 1L), (c.EchoRequests, c.Malformed, c.UnknownMessageType));
    }

    [Fact]
    public void A_downlink_packet_is_encapsulated_with_the_fars_teid_and_the_qers_qfi()
    {
        var plane = new UserPlane();
        plane.Apply(Session());
        var inner = Ipv4(Server, Ue, totalLength: 300);

        Assert.Equal(DownlinkAction.Forward, Downlink(plane, inner, out var gpdu, out var peer));
        Assert.Equal(new Ipv4Endpoint(Ipv4Endpoint.ToUInt32(Gnb), 2152), peer);
        Assert.Equal(GtpuDecodeError.None, GtpuPacket.TryDecode(gpdu, out var p));
        Assert.Equal(DownlinkTeid, p.Teid);
        Assert.Equal(PduSessionContainer.Downlink(9), p.PduSessionContainer);
        Assert.Equal(inner, gpdu.AsSpan(p.PayloadOffset).ToArray());
    }

    [Fact]
    public void A_downlink_packet_for_an_unknown_ue_is_dropped_and_counted()
    {
        var plane = new UserPlane();
        plane.Apply(Session());
        Assert.Equal(DownlinkAction.Drop, Downlink(plane, Ipv4(Server, IPAddress.Parse("10.60.0.2")), out _, out _));
        Assert.Equal(1, plane.Counters.UnknownUe);
    }

    [Fact]
    public void The_matching_pdr_with_the_lowest_precedence_wins()
    {
        var plane = new UserPlane();
        var rules = Session();
        rules = rules with
        {
            Pdrs =
            [
                .. rules.Pdrs,
                new PacketDetectionRule
                {
                    Id = 3, Precedence = 10, SourceInterface = InterfaceKind.Core, UeAddress = Ue, FarId = 3,
                    SdfFilters = [new SdfFilter("permit out 17 from 203.0.113.0/24 8000-9000 to assigned")],
                },
                new PacketDetectionRule
                {
                    Id = 4, Precedence = 200, SourceInterface = InterfaceKind.Core, UeAddress = Ue, FarId = 3,
                },
            ],
            Fars = [.. rules.Fars, new ForwardingActionRule { Id = 3, Action = ApplyAction.Drop }],
        };
        plane.Apply(rules);

        Assert.Equal(DownlinkAction.Drop, Downlink(plane, Ipv4(Server, Ue, 17, sourcePort: 8500), out _, out _));
        Assert.Equal(DownlinkAction.Forward, Downlink(plane, Ipv4(Server, Ue, 17, sourcePort: 9001), out _, out _));
        Assert.Equal(DownlinkAction.Forward, Downlink(plane, Ipv4(Server, Ue, 6, sourcePort: 8500), out _, out _));
        Assert.Equal(DownlinkAction.Forward, Downlink(plane, Ipv4(IPAddress.Parse("198.51.100.1"), Ue, 17, sourcePort: 8500), out _, out _));
        Assert.Equal(1, plane.Counters.DroppedByFar);
    }

    [Fact]
    public void Uplink_sdf_filters_apply_with_the_ends_swapped()
    {
        var plane = new UserPlane();
        plane.Apply(Session(uplinkFilters: [new SdfFilter("permit out 6 from 203.0.113.7 80,443 to assigned")]));

        Assert.Equal(UplinkAction.Forward, plane.ProcessUplink(Gpdu(UplinkTeid + 1, Ipv4(Ue, Server, 6, 40000, 443)), out _));
        Assert.Equal(UplinkAction.Drop, plane.ProcessUplink(Gpdu(UplinkTeid + 1, Ipv4(Ue, Server, 6, 40000, 8080)), out _));
        Assert.Equal(UplinkAction.Drop, plane.ProcessUplink(Gpdu(UplinkTeid + 1, Ipv4(Ue, Server, 17, 40000, 443)), out _));
        Assert.Equal(UplinkAction.Drop, plane.ProcessUplink(Gpdu(UplinkTeid + 1, Ipv4(IPAddress.Parse("10.60.0.9"), Server, 6, 40000, 443)), out _));
        Assert.Equal(3, plane.Counters.NoMatchingPdr);
    }

    [Fact]
    public void An_uplink_pdr_with_a_qfi_matches_only_gpdus_carrying_it()
    {
        var plane = new UserPlane();
        plane.Apply(Session(uplinkQfi: 5));
        Assert.Equal(UplinkAction.Forward, plane.ProcessUplink(Gpdu(UplinkTeid + 1, Ipv4(Ue, Server), 5), out _));
        Assert.Equal(UplinkAction.Drop, plane.ProcessUplink(Gpdu(UplinkTeid + 1, Ipv4(Ue, Server), 6), out _));
        Assert.Equal(UplinkAction.Drop, plane.ProcessUplink(Gpdu(UplinkTeid + 1, Ipv4(Ue, Server), null), out _));
    }

    [Fact]
    public void A_closed_gate_drops_its_direction_only()
    {
        var plane = new UserPlane();
        plane.Apply(Session(qer: new QosEnforcementRule { Id = 1, Qfi = 9, DownlinkOpen = false }));
        Assert.Equal(UplinkAction.Forward, plane.ProcessUplink(Gpdu(UplinkTeid + 1, Ipv4(Ue, Server)), out _));
        Assert.Equal(DownlinkAction.Drop, Downlink(plane, Ipv4(Server, Ue), out _, out _));
        Assert.Equal(1, plane.Counters.DroppedByGate);
    }

    [Fact]
    public void Packets_beyond_the_mbr_burst_are_dropped_and_counted()
    {
        var plane = new UserPlane();
        // 8 kbit/s is 1000 octets a second: the bucket's burst (16 full-size packets) lets about 24
        // 1000-octet packets through, and the refill during the loop adds at most a few more.
        plane.Apply(Session(qer: new QosEnforcementRule { Id = 1, Qfi = 9, DownlinkMbrKbps = 8 }));
        var forwarded = 0;
        for (var i = 0; i < 200; i++)
        {
            if (Downlink(plane, Ipv4(Server, Ue, totalLength: 1000), out _, out _) == DownlinkAction.Forward)
            {
                forwarded++;
            }
        }

        Assert.InRange(forwarded, 24, 40);
        Assert.Equal(200 - forwarded, plane.Counters.DroppedByMbr);
        Assert.Equal(UplinkAction.Forward, plane.ProcessUplink(Gpdu(UplinkTeid + 1, Ipv4(Ue, Server, totalLength: 1000)), out _));
    }

    [Fact]
    public void Usage_is_counted_per_direction_in_inner_octets()
    {
        var plane = new UserPlane();
        plane.Apply(Session());
        plane.ProcessUplink(Gpdu(UplinkTeid + 1, Ipv4(Ue, Server, totalLength: 100)), out _);
        plane.ProcessUplink(Gpdu(UplinkTeid + 1, Ipv4(Ue, Server, totalLength: 200)), out _);
        Downlink(plane, Ipv4(Server, Ue, totalLength: 1000), out _, out _);

        var report = Assert.Single(plane.QueryUsage(1)!);
        Assert.Equal((1u, UsageReportReason.Immediate, 300UL, 1000UL, 2UL, 1UL), (report.UrrId, report.Reason, report.UplinkBytes, report.DownlinkBytes, report.UplinkPackets, report.DownlinkPackets));
        Assert.Equal(1300UL, Assert.Single(plane.QueryUsage(1)!).TotalBytes);

        var final = Assert.Single(plane.Remove(1)!);
        Assert.Equal((UsageReportReason.Termination, 1300UL), (final.Reason, final.TotalBytes));
        Assert.Null(plane.QueryUsage(1));
        Assert.Null(plane.Remove(1));
        Assert.Equal(UplinkAction.SendErrorIndication, plane.ProcessUplink(Gpdu(UplinkTeid + 1, Ipv4(Ue, Server)), out _));
    }

    [Fact]
    public void Crossing_the_volume_threshold_reports_and_starts_a_new_period()
    {
        var plane = new UserPlane();
        var reports = new List<(ulong, UsageReport)>();
        plane.UsageThresholdReached += (seid, r) => reports.Add((seid, r));
        plane.Apply(Session(urr: new UsageReportingRule { Id = 7, Triggers = ReportingTriggers.VolumeThreshold, VolumeThresholdTotal = 250 }));

        for (var i = 0; i < 3; i++)
        {
            plane.ProcessUplink(Gpdu(UplinkTeid + 1, Ipv4(Ue, Server, totalLength: 100)), out _);
        }

        var (seid, report) = Assert.Single(reports);
        Assert.Equal((1UL, 7u, UsageReportReason.VolumeThreshold, 300UL), (seid, report.UrrId, report.Reason, report.UplinkBytes));
        Assert.Equal(0UL, Assert.Single(plane.QueryUsage(1)!).TotalBytes);
    }

    [Fact]
    public void A_threshold_without_the_volth_trigger_reports_nothing()
    {
        var plane = new UserPlane();
        var reported = 0;
        plane.UsageThresholdReached += (_, _) => reported++;
        plane.Apply(Session(urr: new UsageReportingRule { Id = 7, VolumeThresholdTotal = 50 }));
        plane.ProcessUplink(Gpdu(UplinkTeid + 1, Ipv4(Ue, Server, totalLength: 100)), out _);
        Assert.Equal(0, reported);
        Assert.Equal(100UL, Assert.Single(plane.QueryUsage(1)!).UplinkBytes);
    }

    [Fact]
    public void Apply_keeps_the_counts_of_kept_urr_ids_and_starts_new_ones_at_zero()
    {
        var plane = new UserPlane();
        plane.Apply(Session());
        plane.ProcessUplink(Gpdu(UplinkTeid + 1, Ipv4(Ue, Server, totalLength: 100)), out _);

        var modified = Session(downlinkTeid: 0x300);
        plane.Apply(modified with { Urrs = [.. modified.Urrs, new UsageReportingRule { Id = 2 }] });
        plane.ProcessUplink(Gpdu(UplinkTeid + 1, Ipv4(Ue, Server, totalLength: 100)), out _);

        var reports = plane.QueryUsage(1)!;
        Assert.Equal([(1u, 200UL), (2u, 0UL)], reports.Select(r => (r.UrrId, r.UplinkBytes)));
        Downlink(plane, Ipv4(Server, Ue), out var gpdu, out _);
        GtpuPacket.TryDecode(gpdu, out var p);
        Assert.Equal(0x300u, p.Teid);
    }

    public static TheoryData<string, SessionRules, uint> InvalidSessions()
    {
        var good = Session(seid: 1);
        return new()
        {
            { "a PDR naming a FAR the session lacks", good with { Fars = [good.Fars[0]] }, 2 },
            { "an SDF filter with an unknown option", Session(uplinkFilters: [new SdfFilter("permit out ip from any to assigned established")]), 1 },
            { "an SDF filter that denies", Session(uplinkFilters: [new SdfFilter("deny out ip from any to assigned")]), 1 },
            { "an SDF filter with a bad address", Session(uplinkFilters: [new SdfFilter("permit out ip from 10.0.0.300 to assigned")]), 1 },
            { "an SDF filter with a backwards port range", Session(uplinkFilters: [new SdfFilter("permit out 17 from any 9000-8000 to assigned")]), 1 },
            { "an SDF filter cut short", Session(uplinkFilters: [new SdfFilter("permit out ip from any")]), 1 },
            { "a PDR naming a QER the session lacks", good with { Qers = [] }, 1 },
            { "a FAR that both drops and forwards", good with { Fars = [good.Fars[0], good.Fars[1] with { Action = ApplyAction.Drop | ApplyAction.Forward }] }, 2 },
            { "an uplink PDR without a TEID", good with { Pdrs = [good.Pdrs[0] with { LocalTeid = null }, good.Pdrs[1]] }, 1 },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidSessions))]
    public void An_invalid_apply_throws_with_the_rule_id_and_leaves_the_old_rules(string what, SessionRules bad, uint ruleId)
    {
        var plane = new UserPlane();
        var installed = Session();
        plane.Apply(installed);
        var e = Assert.Throws<InvalidRuleException>(() => plane.Apply(bad));
        Assert.True(ruleId == e.RuleId, $"{what}: rule {e.RuleId} ({e.Message})");
        Assert.Equal(DownlinkAction.Forward, Downlink(plane, Ipv4(Server, Ue), out _, out _));
        Assert.Equal(UplinkAction.Forward, plane.ProcessUplink(Gpdu(UplinkTeid + 1, Ipv4(Ue, Server)), out _));
        Assert.Same(installed, plane.GetRules(1));
    }

    [Fact]
    public void A_ue_address_held_by_another_session_is_refused()
    {
        var plane = new UserPlane();
        plane.Apply(Session(seid: 1));
        var e = Assert.Throws<InvalidRuleException>(() => plane.Apply(Session(seid: 2)));
        Assert.Equal(2u, e.RuleId);
        Assert.Equal(1, plane.SessionCount);
    }

    [Fact]
    public void Buffered_downlink_is_reported_once_then_released_by_an_apply_that_forwards()
    {
        var plane = new UserPlane(bufferLimitPerSession: 3);
        var notifications = new List<(ulong, ushort)>();
        plane.DownlinkDataBuffered += (seid, pdr) => notifications.Add((seid, pdr));
        plane.Apply(Session(downlinkAction: ApplyAction.Buffer | ApplyAction.NotifyControlPlane));

        var actions = Enumerable.Range(0, 4).Select(i => Downlink(plane, Ipv4(Server, Ue, totalLength: 100 + i), out _, out _)).ToArray();
        Assert.Equal([DownlinkAction.Buffered, DownlinkAction.Buffered, DownlinkAction.Buffered, DownlinkAction.Drop], actions);
        Assert.Equal([(1UL, (ushort)2)], notifications);
        Assert.Equal((3L, 1L), (plane.Counters.Buffered, plane.Counters.BufferOverflow));
        Assert.False(plane.HasReleased);

        plane.Apply(Session());
        Assert.Equal(0, plane.BufferedPackets(1));
        var slot = new byte[2048];
        var lengths = new List<int>();
        while (plane.TryTakeReleased(slot.AsSpan(UserPlane.DownlinkHeadroom), out var length))
        {
            Assert.Equal(DownlinkAction.Forward, plane.ProcessDownlink(slot, UserPlane.DownlinkHeadroom, length, out _, out _, out _));
            lengths.Add(length);
        }

        Assert.Equal([100, 101, 102], lengths);
        Assert.Equal(303UL, Assert.Single(plane.QueryUsage(1)!).DownlinkBytes);
    }

    [Fact]
    public void Forwarding_a_batch_allocates_nothing()
    {
        var plane = new UserPlane();
        plane.Apply(Session(urr: new UsageReportingRule { Id = 1, Triggers = ReportingTriggers.VolumeThreshold, VolumeThresholdTotal = 1UL << 40 },
            qer: new QosEnforcementRule { Id = 1, Qfi = 9, UplinkMbrKbps = 100_000_000, DownlinkMbrKbps = 100_000_000 },
            uplinkFilters: [new SdfFilter("permit out 17 from any 1-65535 to assigned")]));
        var datagram = Gpdu(UplinkTeid + 1, Ipv4(Ue, Server));
        var slot = new byte[2048];
        var inner = Ipv4(Server, Ue);
        var forwarded = 0;
        void Round()
        {
            // No Assert inside: xunit's comparers allocate.
            forwarded += plane.ProcessUplink(datagram, out _) == UplinkAction.Forward ? 1 : 0;
            inner.CopyTo(slot, UserPlane.DownlinkHeadroom);
            forwarded += plane.ProcessDownlink(slot, UserPlane.DownlinkHeadroom, inner.Length, out _, out _, out _) == DownlinkAction.Forward ? 1 : 0;
        }

        Round(); // first calls JIT and warm caches
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Round();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2002, forwarded);
    }

    [Fact]
    public void Moving_the_downlink_tunnel_queues_an_end_marker_for_the_old_one()
    {
        var plane = new UserPlane();
        plane.Apply(Session());
        Assert.False(plane.TryTakeEndMarker(out _, out _));
        plane.Apply(Session());
        Assert.False(plane.TryTakeEndMarker(out _, out _));

        plane.Apply(Session(downlinkTeid: 0x300));

        Assert.True(plane.TryTakeEndMarker(out var teid, out var peer));
        Assert.Equal((DownlinkTeid, new Ipv4Endpoint(Ipv4Endpoint.ToUInt32(Gnb), 2152)), (teid, peer));
        Assert.False(plane.TryTakeEndMarker(out _, out _));

        var quiet = new UserPlane(sendEndMarkers: false);
        quiet.Apply(Session());
        quiet.Apply(Session(downlinkTeid: 0x300));
        Assert.False(quiet.TryTakeEndMarker(out _, out _));
    }

    [Fact]
    public void A_gpdu_with_an_extension_header_that_must_be_understood_asks_for_a_notification()
    {
        var plane = new UserPlane();
        plane.Apply(Session());
        byte[] datagram = [0x34, 0xff, 0, 8, 0, 0, 0x01, 0x01, 0, 0, 0, 0xc1, 1, 0, 0, 0];
        Assert.Equal(UplinkAction.SendSupportedExtensionHeaders, plane.ProcessUplink(datagram, out _));
        Assert.Equal(1, plane.Counters.UnsupportedExtensionHeader);
    }

    [Fact]
    public void Signalling_from_peers_is_taken_and_counted()
    {
        var plane = new UserPlane();
        var buffer = new byte[64];
        Assert.Equal(UplinkAction.Consumed, plane.ProcessUplink(buffer.AsSpan(0, GtpuWriter.WriteEndMarker(buffer, 5)), out _));
        Assert.Equal(UplinkAction.Consumed, plane.ProcessUplink(buffer.AsSpan(0, GtpuWriter.WriteErrorIndication(buffer, 5, 1)), out _));
        Assert.Equal(UplinkAction.Consumed, plane.ProcessUplink(buffer.AsSpan(0, GtpuWriter.WriteEchoResponse(buffer, 5)), out _));
        var c = plane.Counters;
        Assert.Equal((1L, 1L, 1L), (c.EndMarkers, c.ErrorIndicationsReceived, c.EchoResponses));
    }

    [Fact]
    public void A_packet_sees_the_old_rules_or_the_new_never_a_mix()
    {
        // Two rule sets that differ in TEID and QFI together: a packet encapsulated with one's TEID
        // and the other's QFI would be a mix.
        var plane = new UserPlane(sendEndMarkers: false);
        var a = Session(downlinkTeid: 0xA, qer: new QosEnforcementRule { Id = 1, Qfi = 10 });
        var b = Session(downlinkTeid: 0xB, qer: new QosEnforcementRule { Id = 1, Qfi = 11 });
        plane.Apply(a);
        var stop = false;
        var applies = 0;
        var applier = new Thread(() =>
        {
            for (; !Volatile.Read(ref stop); applies++)
            {
                plane.Apply(applies % 2 == 0 ? b : a);
            }
        });
        applier.Start();

        var inner = Ipv4(Server, Ue);
        var slot = new byte[2048];
        var seen = new HashSet<(uint, byte)>();
        for (var i = 0; i < 200_000; i++)
        {
            inner.CopyTo(slot, UserPlane.DownlinkHeadroom);
            plane.ProcessDownlink(slot, UserPlane.DownlinkHeadroom, inner.Length, out var offset, out var length, out _);
            GtpuPacket.TryDecode(slot.AsSpan(offset, length), out var p);
            seen.Add((p.Teid, p.PduSessionContainer.Qfi));
        }

        Volatile.Write(ref stop, true);
        applier.Join();
        Assert.True(applies > 10, $"only {applies} applies ran alongside");
        Assert.Subset(new HashSet<(uint, byte)> { (0xA, 10), (0xB, 11) }, seen);
    }

    [Fact]
    public void Mutated_datagrams_and_packets_never_throw_and_every_one_is_counted_once()
    {
        var plane = new UserPlane();
        plane.Apply(Session(uplinkFilters: [new SdfFilter("permit out 17 from any 1000-2000 to assigned")]));
        var random = new Random(29281);
        var gpdu = Gpdu(UplinkTeid + 1, Ipv4(Ue, Server));
        var inner = Ipv4(Server, Ue);
        var slot = new byte[2048];
        const int rounds = 50_000;
        for (var i = 0; i < rounds; i++)
        {
            var datagram = gpdu.ToArray();
            for (var k = random.Next(1, 5); k > 0; k--)
            {
                datagram[random.Next(datagram.Length)] = (byte)random.Next(256);
            }

            plane.ProcessUplink(datagram.AsSpan(0, random.Next(datagram.Length + 1)), out _);

            inner.CopyTo(slot, UserPlane.DownlinkHeadroom);
            for (var k = random.Next(1, 5); k > 0; k--)
            {
                slot[UserPlane.DownlinkHeadroom + random.Next(inner.Length)] = (byte)random.Next(256);
            }

            plane.ProcessDownlink(slot, UserPlane.DownlinkHeadroom, random.Next(inner.Length + 1), out _, out _, out _);
        }

        var c = plane.Counters;
        var outcomes = c.UplinkForwarded + c.DownlinkForwarded + c.Malformed + c.UnknownMessageType + c.UnknownTeid + c.UnknownUe
            + c.NotIpv4 + c.NoMatchingPdr + c.DroppedByFar + c.DroppedByGate + c.DroppedByMbr + c.Buffered + c.BufferOverflow
            + c.EchoRequests + c.EchoResponses + c.ErrorIndicationsReceived + c.EndMarkers + c.ExtensionHeaderNotifications + c.UnsupportedExtensionHeader;
        Assert.Equal(2L * rounds, outcomes);
        Assert.True(c.UplinkForwarded > 0 && c.DownlinkForwarded > 0 && c.Malformed > 0 && c.NotIpv4 > 0, $"{c}");
    }
}
