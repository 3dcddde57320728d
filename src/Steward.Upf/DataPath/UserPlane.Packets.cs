using Steward.Linux.Sockets;
using Steward.Upf.Gtpu;
using Steward.Upf.Rules;

namespace Steward.Upf.DataPath;

/// <summary>What the forwarder does with a datagram received on N3.</summary>
public enum UplinkAction
{
    /// <summary>Write the T-PDU (the decoded packet's payload) to N6.</summary>
    Forward,
    /// <summary>Nothing: the packet was dropped (and counted).</summary>
    Drop,
    /// <summary>Answer with an Echo Response carrying the request's sequence number.</summary>
    AnswerEcho,
    /// <summary>Answer with an Error Indication naming the G-PDU's TEID (no session has it).</summary>
    SendErrorIndication,
    /// <summary>Answer with a Supported Extension Headers Notification (the G-PDU carried a header we must but cannot read).</summary>
    SendSupportedExtensionHeaders,
    /// <summary>A signalling message taken and counted (Echo Response, Error Indication, End Marker); nothing to send.</summary>
    Consumed,
}

/// <summary>What the forwarder does with a packet read from N6.</summary>
public enum DownlinkAction
{
    /// <summary>Send the encapsulated packet to the peer.</summary>
    Forward,
    /// <summary>Nothing: the packet was dropped (and counted).</summary>
    Drop,
    /// <summary>Nothing now: the packet was copied into its session's buffer.</summary>
    Buffered,
}

public sealed partial class UserPlane
{
    /// <summary>The room <see cref="ProcessDownlink"/> needs before a packet for its tunnel header.</summary>
    public const int DownlinkHeadroom = GtpuWriter.MaxGPduHeaderLength;

    /// <summary>
    /// Decides what to do with one datagram from N3: decodes its GTP-U header, and for a G-PDU
    /// finds the session by TEID, the first PDR in precedence order that matches (QFI, UE
    /// address, SDF filters), and applies its FAR, QERs (gate, MBR) and URRs. Counts every outcome.
    /// </summary>
    public UplinkAction ProcessUplink(ReadOnlySpan<byte> datagram, out GtpuPacket packet)
    {
        var error = GtpuPacket.TryDecode(datagram, out packet);
        if (error != GtpuDecodeError.None)
        {
            if (error == GtpuDecodeError.UnsupportedExtensionHeader && packet.MessageType == GtpuMessageType.GPdu)
            {
                Interlocked.Increment(ref _counters.UnsupportedExtensionHeader);
                return UplinkAction.SendSupportedExtensionHeaders;
            }

            Interlocked.Increment(ref _counters.Malformed);
            return UplinkAction.Drop;
        }

        switch (packet.MessageType)
        {
            case GtpuMessageType.GPdu:
                return ForwardUplink(datagram.Slice(packet.PayloadOffset, packet.PayloadLength), packet);
            case GtpuMessageType.EchoRequest:
                Interlocked.Increment(ref _counters.EchoRequests);
                return UplinkAction.AnswerEcho;
            case GtpuMessageType.EchoResponse:
                Interlocked.Increment(ref _counters.EchoResponses);
                return UplinkAction.Consumed;
            case GtpuMessageType.ErrorIndication:
                Interlocked.Increment(ref _counters.ErrorIndicationsReceived);
                return UplinkAction.Consumed;
            case GtpuMessageType.EndMarker:
                Interlocked.Increment(ref _counters.EndMarkers);
                return UplinkAction.Consumed;
            case GtpuMessageType.SupportedExtensionHeadersNotification:
                Interlocked.Increment(ref _counters.ExtensionHeaderNotifications);
                return UplinkAction.Consumed;
            default:
                Interlocked.Increment(ref _counters.UnknownMessageType);
                return UplinkAction.Drop;
        }
    }

    private UplinkAction ForwardUplink(ReadOnlySpan<byte> inner, in GtpuPacket packet)
    {
        if (!_uplink.TryGetValue(packet.Teid, out var set))
        {
            Interlocked.Increment(ref _counters.UnknownTeid);
            return UplinkAction.SendErrorIndication;
        }

        if (!Ipv4Flow.TryRead(inner, out var flow))
        {
            Interlocked.Increment(ref _counters.NotIpv4);
            return UplinkAction.Drop;
        }

        var pdr = FirstMatch(set.Pdrs, flow, packet.HasPduSessionContainer, packet.PduSessionContainer.Qfi);
        if (pdr is null)
        {
            Interlocked.Increment(ref _counters.NoMatchingPdr);
            return UplinkAction.Drop;
        }

        // An uplink FAR forwards to N6 (the only place a decapsulated packet can go here); it cannot buffer.
        if (!pdr.Far.Forwards)
        {
            Interlocked.Increment(ref _counters.DroppedByFar);
            return UplinkAction.Drop;
        }

        if (!PassesQers(pdr, uplink: true, inner.Length))
        {
            return UplinkAction.Drop;
        }

        CountUsage(set.Session, pdr, uplink: true, inner.Length);
        Interlocked.Increment(ref _counters.UplinkForwarded);
        Interlocked.Add(ref _counters.UplinkBytes, inner.Length);
        return UplinkAction.Forward;
    }

    /// <summary>
    /// Decides what to do with one IP packet from N6, lying at <paramref name="offset"/> in
    /// <paramref name="slot"/> with at least <see cref="DownlinkHeadroom"/> octets free before it:
    /// finds the session by destination address, the first matching PDR, applies its QERs and
    /// URRs, and on Forward writes the G-PDU header (with a DL PDU Session Container carrying the
    /// QER's QFI) in place before the packet. The G-PDU is then
    /// <paramref name="slot"/>[<paramref name="gpduOffset"/>..+<paramref name="gpduLength"/>], for <paramref name="peer"/>.
    /// </summary>
    public DownlinkAction ProcessDownlink(Span<byte> slot, int offset, int length, out int gpduOffset, out int gpduLength, out Ipv4Endpoint peer)
    {
        gpduOffset = 0;
        gpduLength = 0;
        peer = default;
        if (offset < DownlinkHeadroom || length > slot.Length - offset)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"the packet needs {DownlinkHeadroom} octets of headroom and must lie inside the slot");
        }

        var inner = slot.Slice(offset, length);
        if (!Ipv4Flow.TryRead(inner, out var flow))
        {
            Interlocked.Increment(ref _counters.NotIpv4);
            return DownlinkAction.Drop;
        }

        if (!_downlink.TryGetValue(flow.Destination, out var set))
        {
            Interlocked.Increment(ref _counters.UnknownUe);
            return DownlinkAction.Drop;
        }

        var pdr = FirstMatch(set.Pdrs, flow, false, 0);
        if (pdr is null)
        {
            Interlocked.Increment(ref _counters.NoMatchingPdr);
            return DownlinkAction.Drop;
        }

        var far = pdr.Far;
        if (far.Buffers)
        {
            return Buffer(set.Session, pdr, far, inner);
        }

        if (!far.Forwards || !far.HasOuterHeader)
        {
            Interlocked.Increment(ref _counters.DroppedByFar);
            return DownlinkAction.Drop;
        }

        if (!PassesQers(pdr, uplink: false, length))
        {
            return DownlinkAction.Drop;
        }

        CountUsage(set.Session, pdr, uplink: false, length);
        PduSessionContainer? container = pdr.DownlinkQfi >= 0 ? PduSessionContainer.Downlink((byte)pdr.DownlinkQfi) : null;
        var headerLength = GtpuWriter.GPduHeaderLength(container);
        gpduOffset = offset - headerLength;
        gpduLength = headerLength + length;
        GtpuWriter.WriteGPduHeader(slot.Slice(gpduOffset, headerLength), far.PeerTeid, length, container);
        peer = far.Peer;
        Interlocked.Increment(ref _counters.DownlinkForwarded);
        Interlocked.Add(ref _counters.DownlinkBytes, length);
        return DownlinkAction.Forward;
    }

    /// <summary>Counts a packet the N6 device or N3 socket refused.</summary>
    public void CountSendFailure() => Interlocked.Increment(ref _counters.SendFailures);

    private DownlinkAction Buffer(SessionState session, CompiledPdr pdr, CompiledFar far, ReadOnlySpan<byte> inner)
    {
        if (!session.TryBuffer(inner, BufferLimitPerSession, out var first))
        {
            Interlocked.Increment(ref _counters.BufferOverflow);
            return DownlinkAction.Drop;
        }

        Interlocked.Increment(ref _counters.Buffered);
        if (first && (far.Action & ApplyAction.NotifyControlPlane) != 0)
        {
            DownlinkDataBuffered?.Invoke(session.LocalSeid, pdr.Id);
        }

        return DownlinkAction.Buffered;
    }

    private static CompiledPdr? FirstMatch(CompiledPdr[] pdrs, in Ipv4Flow flow, bool hasContainer, byte qfi)
    {
        foreach (var pdr in pdrs)
        {
            if (pdr.Matches(flow, hasContainer, qfi))
            {
                return pdr;
            }
        }

        return null;
    }

    private bool PassesQers(CompiledPdr pdr, bool uplink, int bytes)
    {
        foreach (var qer in pdr.Qers)
        {
            if (!(uplink ? qer.UplinkOpen : qer.DownlinkOpen))
            {
                Interlocked.Increment(ref _counters.DroppedByGate);
                return false;
            }
        }

        foreach (var qer in pdr.Qers)
        {
            var bucket = uplink ? qer.UplinkMbr : qer.DownlinkMbr;
            if (bucket is not null && !bucket.TryConsume(bytes))
            {
                Interlocked.Increment(ref _counters.DroppedByMbr);
                return false;
            }
        }

        return true;
    }

    private void CountUsage(SessionState session, CompiledPdr pdr, bool uplink, int bytes)
    {
        foreach (var urr in pdr.Urrs)
        {
            if (urr.Counter.Count(uplink, bytes, urr.Thresholds, out var report))
            {
                UsageThresholdReached?.Invoke(session.LocalSeid, report);
            }
        }
    }

    private sealed class PacketCounters
    {
        public long UplinkForwarded, UplinkBytes, DownlinkForwarded, DownlinkBytes;
        public long Malformed, UnknownMessageType, UnknownTeid, UnknownUe, NotIpv4, NoMatchingPdr;
        public long DroppedByFar, DroppedByGate, DroppedByMbr, Buffered, BufferOverflow;
        public long EchoRequests, EchoResponses, ErrorIndicationsReceived, EndMarkers, ExtensionHeaderNotifications;
        public long UnsupportedExtensionHeader, SendFailures;

        public DataPathCounters Snapshot() => new()
        {
            UplinkForwarded = Volatile.Read(ref UplinkForwarded),
            UplinkBytes = Volatile.Read(ref UplinkBytes),
            DownlinkForwarded = Volatile.Read(ref DownlinkForwarded),
            DownlinkBytes = Volatile.Read(ref DownlinkBytes),
            Malformed = Volatile.Read(ref Malformed),
            UnknownMessageType = Volatile.Read(ref UnknownMessageType),
            UnknownTeid = Volatile.Read(ref UnknownTeid),
            UnknownUe = Volatile.Read(ref UnknownUe),
            NotIpv4 = Volatile.Read(ref NotIpv4),
            NoMatchingPdr = Volatile.Read(ref NoMatchingPdr),
            DroppedByFar = Volatile.Read(ref DroppedByFar),
            DroppedByGate = Volatile.Read(ref DroppedByGate),
            DroppedByMbr = Volatile.Read(ref DroppedByMbr),
            Buffered = Volatile.Read(ref Buffered),
            BufferOverflow = Volatile.Read(ref BufferOverflow),
            EchoRequests = Volatile.Read(ref EchoRequests),
            EchoResponses = Volatile.Read(ref EchoResponses),
            ErrorIndicationsReceived = Volatile.Read(ref ErrorIndicationsReceived),
            EndMarkers = Volatile.Read(ref EndMarkers),
            ExtensionHeaderNotifications = Volatile.Read(ref ExtensionHeaderNotifications),
            UnsupportedExtensionHeader = Volatile.Read(ref UnsupportedExtensionHeader),
            SendFailures = Volatile.Read(ref SendFailures),
        };
    }
}
