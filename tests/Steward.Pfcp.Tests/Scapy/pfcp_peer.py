# scapy as the independent PFCP peer of Steward's codec tests (run after Steward.N4.Testing.Scapy.Preamble).
#   parse: stdin holds one hex message per line; prints, per message, its header and IE tree as scapy reads it.
#   build: prints {message type number: hex} for one scapy-built message of every type, carrying the values
#          of tests/Steward.Pfcp.Tests/SampleMessages.cs (kept in step by hand: the test compares the two).
import datetime
import struct

# The preamble imports scapy.contrib.gtp after pfcp, and GTP's IE_Cause (and others) shadow PFCP's: take PFCP's back.
from scapy.contrib.pfcp import *  # noqa: F401,F403


def ie_tree(ies):
    out = []
    for ie in ies or []:
        if not isinstance(ie, IE_Base):
            out.append({"ietype": -1, "cls": type(ie).__name__, "f": {"data": bytes(ie)}})
            continue
        fields = {}
        for name, value in ie.fields.items():
            if name in ("ietype", "length", "IE_list"):
                continue
            fields[name] = value
        node = {"ietype": ie.ietype, "cls": type(ie).__name__, "f": fields}
        if "IE_list" in ie.fields:
            node["ies"] = ie_tree(ie.IE_list)
        out.append(node)
    return out


def parse(lines):
    result = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        pkt = PFCP(bytes.fromhex(line))
        header = {"version": pkt.version, "type": pkt.message_type, "seq": pkt.seq, "S": pkt.S, "MP": pkt.MP}
        if pkt.S == 1:
            header["seid"] = pkt.seid
        if pkt.MP == 1:
            header["priority"] = pkt.priority
        body = pkt.payload
        header["body"] = type(body).__name__
        header["ies"] = ie_tree(getattr(body, "IE_list", []))
        header["rebuilt"] = bytes(pkt).hex()
        result.append(header)
    emit(result)


RECOVERY = int((datetime.datetime(2026, 12, 8, 1, 2, 3) - datetime.datetime(1900, 1, 1)).total_seconds())
SMF, UPF, GNB, UE, UPF6 = "10.0.0.1", "10.0.0.2", "10.100.0.7", "10.45.0.2", "2001:db8::2"


def node(kind):
    if kind == "smf":
        return IE_NodeId(id_type=0, ipv4=SMF)
    if kind == "v6":
        return IE_NodeId(id_type=1, ipv6=UPF6)
    return IE_NodeId(id_type=2, id=b"upf.steward.example")


def up_features(**on):
    names = ["TREU", "HEEU", "PFDM", "FTUP", "TRST", "DLBD", "DDND", "BUCP",
             "spare", "PFDE", "FRRT", "TRACE", "QUOAC", "UDBC", "PDIU", "EMPU"]
    extra = on.pop("extra_data", b"")
    # scapy fixes this IE's length at 2 (Release 15); Release 16 octets past 6 go in extra_data with the length set.
    return IE_UPFunctionFeatures(length=2 + len(extra), extra_data=extra, **{n: on.get(n, 0) for n in names})


def downlink_pdi():
    return IE_PDI(IE_list=[
        IE_SourceInterface(interface=1),
        IE_NetworkInstance(instance=b"internet"),
        IE_UE_IP_Address(V4=1, SD=1, ipv4=UE),
        IE_SDF_Filter(FD=1, TTC=1, SPI=1, FL=1, flow_description=b"permit out udp from any to assigned 5000-5010",
                      tos_traffic_class=0x2C, tos_traffic_mask=0xFC, security_parameter_index=0x1234, flow_label=0xABCDE),
        IE_SDF_Filter(FD=1, flow_description=b"permit out ip from any to assigned"),
    ])


def downlink_pdr(pdr_id, far_id):
    return IE_CreatePDR(IE_list=[IE_PDR_Id(id=pdr_id), IE_Precedence(precedence=100), downlink_pdi(),
                                 IE_FAR_Id(id=far_id), IE_URR_Id(id=21), IE_URR_Id(id=22), IE_QER_Id(id=31)])


def downlink_far(far_id):
    return IE_CreateFAR(IE_list=[IE_FAR_Id(id=far_id), IE_ApplyAction(FORW=1, NOCP=1),
                                 IE_ForwardingParameters(IE_list=[
                                     IE_DestinationInterface(interface=0), IE_NetworkInstance(instance=b"access.net"),
                                     IE_OuterHeaderCreation(GTPUUDPIPV4=1, TEID=0x0A0B0C0D, ipv4=GNB)])])


def urr(urr_id):
    return IE_CreateURR(IE_list=[IE_URR_Id(id=urr_id), IE_MeasurementMethod(VOLUM=1, DURAT=1),
                                 IE_ReportingTriggers(volume_threshold=1, periodic_reporting=1),
                                 IE_VolumeThreshold(TOVOL=1, ULVOL=1, DLVOL=1, total=10000000, uplink=4000000, downlink=6000000),
                                 IE_MeasurementPeriod(period=60)])


def qer(qer_id):
    return IE_CreateQER(IE_list=[IE_QER_Id(id=qer_id), IE_GateStatus(ul=0, dl=1), IE_MBR(ul=100000, dl=200000), IE_QFI(QFI=9)])


def usage_report(cls, urr_id, seqn):
    # TONOP, ULNOP and DLNOP are Release 16 bits scapy 2.5 calls spare; their counts follow the volumes.
    return cls(IE_list=[IE_URR_Id(id=urr_id), IE_UR_SEQN(number=seqn), IE_UsageReportTrigger(VOLTH=1, TERMR=1),
                        IE_StartTime(timestamp=RECOVERY), IE_EndTime(timestamp=RECOVERY + 60),
                        IE_VolumeMeasurement(spare=0b00111, TOVOL=1, ULVOL=1, DLVOL=1, total=12345678, uplink=2345678,
                                             downlink=10000000, extra_data=struct.pack("!QQQ", 9000, 4000, 5000)),
                        IE_DurationMeasurement(duration=59)])


def node_msg(seq, body):
    return PFCP(version=1, S=0, seq=seq) / body


def session_msg(seq, seid, body, priority=None):
    if priority is None:
        return PFCP(version=1, S=1, seid=seid, seq=seq) / body
    return PFCP(version=1, S=1, MP=1, seid=seid, seq=seq, priority=priority) / body


def build():
    uplink_pdr = IE_CreatePDR(IE_list=[
        IE_PDR_Id(id=1), IE_Precedence(precedence=200),
        IE_PDI(IE_list=[IE_SourceInterface(interface=0), IE_FTEID(CH=1, CHID=1, V4=1, choose_id=5),
                        IE_NetworkInstance(instance=b"internet"), IE_UE_IP_Address(V4=1, ipv4=UE),
                        IE_SDF_Filter(FD=1, BID=1, flow_description=b"permit out ip from any to assigned", sdf_filter_id=9),
                        IE_QFI(QFI=9)]),
        IE_OuterHeaderRemoval(length=2, header=0, spare=0, pdu_session_container=1),
        IE_FAR_Id(id=11), IE_URR_Id(id=21), IE_QER_Id(id=31)])
    uplink_far = IE_CreateFAR(IE_list=[IE_FAR_Id(id=11), IE_ApplyAction(FORW=1), IE_ForwardingParameters(IE_list=[
        IE_DestinationInterface(interface=1), IE_NetworkInstance(instance=b"internet")])])
    s1, s2 = 0x1111222233334444, 0x5555666677778888
    messages = [
        node_msg(1, PFCPHeartbeatRequest(IE_list=[IE_RecoveryTimeStamp(timestamp=RECOVERY)])),
        node_msg(1, PFCPHeartbeatResponse(IE_list=[IE_RecoveryTimeStamp(timestamp=RECOVERY + 7)])),
        node_msg(2, PFCPAssociationSetupRequest(IE_list=[node("smf"), IE_RecoveryTimeStamp(timestamp=RECOVERY),
                                                         IE_CPFunctionFeatures(LOAD=1, OVRL=1)])),
        node_msg(2, PFCPAssociationSetupResponse(IE_list=[node("fqdn"), IE_Cause(cause=1), IE_RecoveryTimeStamp(timestamp=RECOVERY + 7),
                                                          up_features(FTUP=1, EMPU=1, BUCP=1)])),
        node_msg(3, PFCPAssociationUpdateRequest(IE_list=[node("v6"), up_features(FTUP=1, extra_data=b"\x10")])),
        node_msg(3, PFCPAssociationUpdateResponse(IE_list=[node("smf"), IE_Cause(cause=1), IE_CPFunctionFeatures(LOAD=1)])),
        node_msg(4, PFCPAssociationReleaseRequest(IE_list=[node("smf")])),
        node_msg(4, PFCPAssociationReleaseResponse(IE_list=[node("fqdn"), IE_Cause(cause=1)])),
        node_msg(5, PFCPVersionNotSupportedResponse()),
        node_msg(6, PFCPNodeReportRequest(IE_list=[node("fqdn"), IE_NodeReportType(UPFR=1), IE_UserPlanePathFailureReport(IE_list=[
            IE_RemoteGTP_U_Peer(V4=1, ipv4=GNB), IE_RemoteGTP_U_Peer(V4=1, V6=1, ipv4="10.100.0.8", ipv6="2001:db8::8")])])),
        node_msg(6, PFCPNodeReportResponse(IE_list=[node("smf"), IE_Cause(cause=66), IE_OffendingIE(type=101)])),
        session_msg(7, 0, PFCPSessionEstablishmentRequest(IE_list=[
            node("smf"), IE_FSEID(v4=1, seid=s1, ipv4=SMF), uplink_pdr, downlink_pdr(2, 12), uplink_far, downlink_far(12), urr(21), qer(31),
            IE_PDNType(pdn_type=1)])),
        session_msg(7, s1, PFCPSessionEstablishmentResponse(IE_list=[
            node("fqdn"), IE_Cause(cause=1), IE_OffendingIE(type=7), IE_FSEID(v4=1, v6=1, seid=s2, ipv4=UPF, ipv6=UPF6),
            IE_CreatedPDR(IE_list=[IE_PDR_Id(id=1), IE_FTEID(V4=1, TEID=0x1234, ipv4=UPF)])])),
        session_msg(8, s2, PFCPSessionModificationRequest(IE_list=[
            IE_FSEID(v4=1, seid=s1 + 1, ipv4=SMF), IE_PFCPSMReqFlags(spare=0, QUARR=1),
            IE_RemovePDR(IE_list=[IE_PDR_Id(id=3)]), IE_RemoveFAR(IE_list=[IE_FAR_Id(id=13)]),
            IE_RemoveURR(IE_list=[IE_URR_Id(id=23)]), IE_RemoveQER(IE_list=[IE_QER_Id(id=33)]),
            downlink_pdr(4, 14), downlink_far(14), urr(24), qer(34),
            IE_UpdatePDR(IE_list=[IE_PDR_Id(id=2), IE_Precedence(precedence=150), downlink_pdi(), IE_OuterHeaderRemoval(header=6),
                                  IE_FAR_Id(id=12), IE_URR_Id(id=22), IE_QER_Id(id=32)]),
            IE_UpdateFAR(IE_list=[IE_FAR_Id(id=12), IE_ApplyAction(FORW=1), IE_UpdateForwardingParameters(IE_list=[
                IE_DestinationInterface(interface=0), IE_NetworkInstance(instance=b"access.net"),
                IE_OuterHeaderCreation(GTPUUDPIPV4=1, TEID=0x0E0F1011, ipv4="10.100.0.9"), IE_PFCPSMReqFlags(spare=0, SNDEM=1)])]),
            IE_UpdateURR(IE_list=[IE_URR_Id(id=21), IE_MeasurementMethod(VOLUM=1), IE_ReportingTriggers(volume_threshold=1),
                                  IE_VolumeThreshold(TOVOL=1, total=20000000)]),
            IE_UpdateQER(IE_list=[IE_QER_Id(id=31), IE_GateStatus(ul=0, dl=0), IE_MBR(ul=50000, dl=60000), IE_QFI(QFI=5)]),
            IE_QueryURR(IE_list=[IE_URR_Id(id=21)])]), priority=3),
        session_msg(8, s1, PFCPSessionModificationResponse(IE_list=[
            IE_Cause(cause=1), IE_OffendingIE(type=10),
            IE_CreatedPDR(IE_list=[IE_PDR_Id(id=4), IE_FTEID(V4=1, TEID=0x5678, ipv4=UPF), IE_UE_IP_Address(V4=1, SD=1, ipv4=UE)]),
            usage_report(IE_UsageReport_SMR, 21, 3)])),
        session_msg(9, s2, PFCPSessionDeletionRequest()),
        session_msg(9, s1, PFCPSessionDeletionResponse(IE_list=[
            IE_Cause(cause=1), IE_OffendingIE(type=19), usage_report(IE_UsageReport_SDR, 21, 4), usage_report(IE_UsageReport_SDR, 22, 0)])),
        session_msg(10, s1, PFCPSessionReportRequest(IE_list=[
            IE_ReportType(USAR=1, DLDR=1, ERIR=1), IE_DownlinkDataReport(IE_list=[IE_PDR_Id(id=2), IE_PDR_Id(id=4)]),
            usage_report(IE_UsageReport_SRR, 21, 5),
            IE_ErrorIndicationReport(IE_list=[IE_FTEID(V4=1, TEID=0x0A0B0C0D, ipv4=GNB)])])),
        session_msg(10, s2, PFCPSessionReportResponse(IE_list=[IE_Cause(cause=65), IE_OffendingIE(type=39)])),
    ]
    emit({str(m.message_type): bytes(m).hex() for m in messages})


mode = sys.argv[1]
if mode == "parse":
    parse(sys.stdin.read().splitlines())
elif mode == "build":
    build()
else:
    raise SystemExit("usage: pfcp_peer.py parse|build")
