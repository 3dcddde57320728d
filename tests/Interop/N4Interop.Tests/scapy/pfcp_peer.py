# scapy as an SMF of its own against Steward's UPF (run by ScapyPeerTests after N4.Shared's Scapy.Preamble).
#   pfcp_peer.py UPF_ADDR LOCAL_ADDR UE_ADDR GNB_TEID [--dry]
# Sends, in order: Heartbeat, Association Setup, Session Establishment (uplink F-TEID CHOOSE with CHID, downlink by
# UE address, FARs, a QER with MBR, a URR), G-PDUs from the "gNB" to the chosen TEID, Session Deletion, a Session
# Deletion for a SEID the UPF never gave, Association Release. Emits each response's fields as JSON.
# --dry: sends nothing, emits the requests' bytes (so the test can have tshark judge scapy's own messages).
import socket, time

upf_addr, local, ue, gnb_teid = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
dry = "--dry" in sys.argv
seq = 0
sent = []
sock = None
if not dry:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((local, 0))
    sock.settimeout(10)

def request(body, seid=None):
    global seq
    seq += 1
    header = PFCP(version=1, S=0 if seid is None else 1, seid=seid or 0, seq=seq)
    raw = bytes(header / body)
    sent.append(raw)
    if dry:
        return None
    sock.sendto(raw, (upf_addr, 8805))
    while True:
        data, _ = sock.recvfrom(65535)
        reply = PFCP(data)
        if reply.seq == seq:  # a Heartbeat Request from the UPF may arrive in between
            return reply
        if reply.message_type == 1:
            sock.sendto(bytes(PFCP(version=1, S=0, seq=reply.seq) / PFCPHeartbeatResponse(
                IE_list=[IE_RecoveryTimeStamp(timestamp=3900000000)])), (upf_addr, 8805))

def ies(reply, cls):
    return [ie for ie in reply.payload.IE_list if isinstance(ie, cls)]

def summary(reply):
    if reply is None:
        return None
    out = {"type": reply.message_type, "s": reply.S, "seq": reply.seq,
           "ies": [type(ie).__name__ for ie in reply.payload.IE_list]}
    if reply.S:
        out["seid"] = reply.seid
    for c in ies(reply, pfcp.IE_Cause):
        out["cause"] = c.cause
    for n in ies(reply, IE_NodeId):
        out["node_id"] = n.ipv4 if n.id_type == 0 else str(n.id)
    for r in ies(reply, IE_RecoveryTimeStamp):
        out["recovery"] = r.timestamp
    for f in ies(reply, IE_FSEID):
        out["fseid"] = {"seid": f.seid, "ipv4": f.ipv4 if f.v4 else None}
    out["up_features"] = len(ies(reply, IE_UPFunctionFeatures)) > 0
    created = []
    for pdr in ies(reply, IE_CreatedPDR):
        entry = {}
        for ie in pdr.IE_list:
            if isinstance(ie, IE_PDR_Id):
                entry["pdr_id"] = ie.id
            if isinstance(ie, IE_FTEID):
                entry["teid"] = ie.TEID
                entry["ipv4"] = ie.ipv4 if ie.V4 else None
        created.append(entry)
    out["created_pdrs"] = created
    reports = []
    for ur in ies(reply, IE_UsageReport_SDR):
        for ie in ur.IE_list:
            if isinstance(ie, IE_VolumeMeasurement):
                reports.append({"total": ie.total if ie.TOVOL else None, "uplink": ie.uplink if ie.ULVOL else None,
                                "downlink": ie.downlink if ie.DLVOL else None})
    out["usage"] = reports
    for o in ies(reply, IE_OffendingIE):
        out["offending_ie"] = o.type
    return out

node = IE_NodeId(id_type=0, ipv4=local)
now = 3900000000
results = {}
results["heartbeat"] = summary(request(PFCPHeartbeatRequest(IE_list=[IE_RecoveryTimeStamp(timestamp=now)])))
results["association"] = summary(request(PFCPAssociationSetupRequest(IE_list=[node, IE_RecoveryTimeStamp(timestamp=now)])))

cp_seid = 0x5ca9
establishment = PFCPSessionEstablishmentRequest(IE_list=[
    node,
    IE_FSEID(v4=1, seid=cp_seid, ipv4=local),
    IE_CreatePDR(IE_list=[
        IE_PDR_Id(id=1), IE_Precedence(precedence=255),
        IE_PDI(IE_list=[IE_SourceInterface(interface="Access"), IE_FTEID(CH=1, CHID=1, V4=1, choose_id=7),
                        IE_NetworkInstance(instance="internet"), IE_UE_IP_Address(V4=1, ipv4=ue)]),
        IE_OuterHeaderRemoval(header="GTP-U/UDP/IPv4"), IE_FAR_Id(id=1), IE_QER_Id(id=1), IE_URR_Id(id=1)]),
    IE_CreatePDR(IE_list=[
        IE_PDR_Id(id=2), IE_Precedence(precedence=255),
        IE_PDI(IE_list=[IE_SourceInterface(interface="Core"), IE_NetworkInstance(instance="internet"),
                        IE_UE_IP_Address(V4=1, SD=1, ipv4=ue)]),
        IE_FAR_Id(id=2), IE_QER_Id(id=1), IE_URR_Id(id=1)]),
    IE_CreateFAR(IE_list=[IE_FAR_Id(id=1), IE_ApplyAction(FORW=1),
                          IE_ForwardingParameters(IE_list=[IE_DestinationInterface(interface="Core"),
                                                           IE_NetworkInstance(instance="internet")])]),
    IE_CreateFAR(IE_list=[IE_FAR_Id(id=2), IE_ApplyAction(FORW=1),
                          IE_ForwardingParameters(IE_list=[IE_DestinationInterface(interface="Access"),
                                                           IE_OuterHeaderCreation(GTPUUDPIPV4=1, TEID=gnb_teid, ipv4=local)])]),
    IE_CreateQER(IE_list=[IE_QER_Id(id=1), IE_GateStatus(ul="OPEN", dl="OPEN"), IE_MBR(ul=100000, dl=100000), IE_QFI(QFI=9)]),
    IE_CreateURR(IE_list=[IE_URR_Id(id=1), IE_MeasurementMethod(VOLUM=1), IE_ReportingTriggers(volume_threshold=1),
                          IE_VolumeThreshold(TOVOL=1, total=10**9)]),
])
est = request(establishment, seid=0)
results["establishment"] = summary(est)

upf_seid = None
teid = None
if est is not None:
    for f in ies(est, IE_FSEID):
        upf_seid = f.seid
    for pdr in ies(est, IE_CreatedPDR):
        for ie in pdr.IE_list:
            if isinstance(ie, IE_FTEID):
                teid = ie.TEID
if dry:
    upf_seid, teid = 0x1, 0x1

# Uplink G-PDUs from the gNB's GTP-U port to the chosen TEID, with an uplink PDU Session Container (QFI 9).
gpdus = []
for i in range(3):
    inner = IP(src=ue, dst="10.200.0.2") / UDP(sport=40000, dport=5555) / Raw(b"scapy-uplink-%d" % i)
    gpdus.append(bytes(GTP_U_Header(teid=teid or 0, next_ex=0x85) / GTPPDUSessionContainer(type=1, QFI=9) / inner))
if not dry and teid is not None:
    g = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    g.bind((local, 2152))
    for raw in gpdus:
        g.sendto(raw, (upf_addr, 2152))
    g.close()
    time.sleep(0.5)  # let them through before the session goes
results["gpdus_sent"] = len(gpdus)

results["deletion"] = summary(request(PFCPSessionDeletionRequest(), seid=upf_seid if upf_seid is not None else 0))
results["unknown_seid"] = summary(request(PFCPSessionDeletionRequest(), seid=0xdead0000beef))
results["release"] = summary(request(PFCPAssociationReleaseRequest(IE_list=[node])))
if dry:
    results["requests"] = sent
emit(results)
