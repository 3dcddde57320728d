using System.Net;
using Steward.Linux;
using Steward.Linux.Namespaces;
using Steward.Linux.Rtnetlink;
using Steward.Linux.Sockets;
using Steward.Upf.Gtpu;

namespace Steward.Upf.Simulation;

/// <summary>Where a <see cref="GnbSimulator"/> lives and which tunnel it uses.</summary>
public sealed record GnbSimulatorOptions
{
    /// <summary>The network namespace (/run/netns/NAME) the gNB and its UE live in; it must already hold <see cref="N3Address"/>.</summary>
    public required string NamespacePath { get; init; }

    /// <summary>The gNB's N3 address (bound on UDP 2152): where the UPF sends downlink G-PDUs.</summary>
    public required IPAddress N3Address { get; init; }

    /// <summary>The UPF's N3 address and port.</summary>
    public required IPEndPoint UpfN3 { get; init; }

    /// <summary>The UE's address, put on the UE device as a /32.</summary>
    public required IPAddress UeAddress { get; init; }

    /// <summary>Networks reached through the tunnel (routes via the UE device, with the UE address as source).</summary>
    public IReadOnlyList<IPPrefix> RoutesViaUe { get; init; } = [];

    /// <summary>The TUN device standing for the UE.</summary>
    public string UeDevice { get; init; } = "ue0";

    /// <summary>The UE device's MTU: 1500 less the outer IPv4, UDP and GTP-U headers with a PDU Session Container, rounded down.</summary>
    public int UeMtu { get; init; } = 1400;

    /// <summary>
    /// The UE device's transmit queue: packets the UE sends wait there for the simulator to read
    /// them, and the kernel drops beyond it (a TUN device gives the stack no backpressure), so a
    /// longer queue spares a TCP sender losses in its bursts.
    /// </summary>
    public int UeTxQueueLength { get; init; } = 4096;

    /// <summary>The UPF's uplink TEID (the F-TEID it chose).</summary>
    public required uint UplinkTeid { get; init; }

    /// <summary>The gNB's downlink TEID (what the UPF's FAR puts in outer headers).</summary>
    public required uint DownlinkTeid { get; init; }

    /// <summary>The QFI put in the UL PDU Session Container of every uplink G-PDU.</summary>
    public byte Qfi { get; init; } = 1;
}

/// <summary>What a <see cref="GnbSimulator"/> has seen and sent.</summary>
public readonly record struct GnbSimulatorStats
{
    /// <summary>UE packets sent up the tunnel.</summary>
    public long UplinkPackets { get; init; }
    /// <summary>G-PDUs received with the expected downlink TEID and written to the UE device.</summary>
    public long DownlinkPackets { get; init; }
    /// <summary>Octets of the inner packets of <see cref="DownlinkPackets"/>.</summary>
    public long DownlinkBytes { get; init; }
    /// <summary>G-PDUs received with another TEID (dropped).</summary>
    public long DownlinkWrongTeid { get; init; }
    /// <summary>The TEID of the last G-PDU received (whatever it was); 0 before any.</summary>
    public uint LastDownlinkTeid { get; init; }
    /// <summary>The QFI of the last G-PDU's PDU Session Container; -1 when it had none or before any.</summary>
    public int LastDownlinkQfi { get; init; }
    /// <summary>The PDU type of the last G-PDU's container (0 downlink, as a UPF must send), -1 when none.</summary>
    public int LastDownlinkPduType { get; init; }
    /// <summary>Echo Responses received.</summary>
    public long EchoResponses { get; init; }
    /// <summary>Error Indications received.</summary>
    public long ErrorIndications { get; init; }
    /// <summary>The TEID Data I of the last Error Indication.</summary>
    public uint LastErrorIndicationTeid { get; init; }
    /// <summary>End Markers received.</summary>
    public long EndMarkers { get; init; }
    /// <summary>Datagrams that were not GTP-U.</summary>
    public long Malformed { get; init; }
}

/// <summary>
/// A test tool standing for a gNB and one UE: in its network namespace it opens a TUN device
/// holding the UE's address, wraps what the UE sends in G-PDUs with the uplink TEID and an UL PDU
/// Session Container toward the UPF's N3, and unwraps downlink G-PDUs arriving on its own N3
/// address into the TUN, after checking their TEID. It records what it saw (<see cref="Stats"/>).
/// The TEIDs can be changed while it runs, as in a handover. For tests, demos and benchmarks;
/// not a gNB (no NGAP, no radio side).
/// </summary>
public sealed class GnbSimulator : IDisposable
{
    private const int Headroom = GtpuWriter.MaxGPduHeaderLength;
    private readonly UdpBatchSocket _socket;
    private readonly TunDevice _ue;
    private readonly Ipv4Endpoint _upf;
    private readonly Thread _uplink;
    private readonly Thread _downlink;
    private readonly Lock _sendLock = new();
    private readonly PacketBatch _single = new(1, 2048);
    private volatile bool _stopping;
    private long _uplinkPackets, _downlinkPackets, _downlinkBytes, _wrongTeid, _echoResponses, _errorIndications, _endMarkers, _malformed;
    private uint _lastTeid, _lastErrorTeid;
    private int _lastQfi = -1, _lastPduType = -1;

    private GnbSimulator(GnbSimulatorOptions options, UdpBatchSocket socket, TunDevice ue)
    {
        Options = options;
        _socket = socket;
        _ue = ue;
        _upf = Ipv4Endpoint.From(options.UpfN3);
        UplinkTeid = options.UplinkTeid;
        DownlinkTeid = options.DownlinkTeid;
        Qfi = options.Qfi;
        _uplink = new Thread(UplinkLoop) { IsBackground = true, Name = "gnb-sim-uplink" };
        _downlink = new Thread(DownlinkLoop) { IsBackground = true, Name = "gnb-sim-downlink" };
    }

    /// <summary>The options it was started with.</summary>
    public GnbSimulatorOptions Options { get; }

    /// <summary>The TEID uplink G-PDUs carry; may be changed while running.</summary>
    public uint UplinkTeid { get; set; }

    /// <summary>The TEID downlink G-PDUs must carry to reach the UE; may be changed while running.</summary>
    public uint DownlinkTeid { get; set; }

    /// <summary>The QFI of uplink G-PDUs; may be changed while running.</summary>
    public byte Qfi { get; set; }

    /// <summary>The UE device's name.</summary>
    public string UeDevice => _ue.Name;

    /// <summary>What it has seen so far.</summary>
    public GnbSimulatorStats Stats => new()
    {
        UplinkPackets = Interlocked.Read(ref _uplinkPackets),
        DownlinkPackets = Interlocked.Read(ref _downlinkPackets),
        DownlinkBytes = Interlocked.Read(ref _downlinkBytes),
        DownlinkWrongTeid = Interlocked.Read(ref _wrongTeid),
        LastDownlinkTeid = Volatile.Read(ref _lastTeid),
        LastDownlinkQfi = Volatile.Read(ref _lastQfi),
        LastDownlinkPduType = Volatile.Read(ref _lastPduType),
        EchoResponses = Interlocked.Read(ref _echoResponses),
        ErrorIndications = Interlocked.Read(ref _errorIndications),
        LastErrorIndicationTeid = Volatile.Read(ref _lastErrorTeid),
        EndMarkers = Interlocked.Read(ref _endMarkers),
        Malformed = Interlocked.Read(ref _malformed),
    };

    /// <summary>Sets up the UE device (address, MTU, routes) and the N3 socket in the namespace and starts forwarding.</summary>
    public static GnbSimulator Start(GnbSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var ns = NetworkNamespace.Open(options.NamespacePath);
        var ue = NetworkNamespace.Run(ns, () => TunDevice.Open(options.UeDevice, TunMode.Tun));
        UdpBatchSocket? socket = null;
        try
        {
            socket = NetworkNamespace.RunOnCurrentThread(ns, () => UdpBatchSocket.Bind(new IPEndPoint(options.N3Address, 2152)));
            using (var rt = NetworkNamespace.OpenRtNetlink(ns))
            {
                var link = rt.GetLink(ue.Name);
                rt.SetMtu(link.Index, options.UeMtu);
                rt.SetTxQueueLength(link.Index, options.UeTxQueueLength);
                rt.AddAddress(link.Index, new IPPrefix(options.UeAddress, 32));
                rt.SetUp(link.Index);
                foreach (var prefix in options.RoutesViaUe)
                {
                    rt.AddRoute(new Route { Destination = prefix, OutputInterface = link.Index, PreferredSource = options.UeAddress });
                }
            }

            var simulator = new GnbSimulator(options, socket, ue);
            simulator._uplink.Start();
            simulator._downlink.Start();
            return simulator;
        }
        catch
        {
            socket?.Dispose();
            ue.Dispose();
            throw;
        }
    }

    /// <summary>Sends a raw datagram from the gNB's N3 socket to the UPF (for signalling and malformed-input tests).</summary>
    public void SendToUpf(ReadOnlySpan<byte> datagram)
    {
        lock (_sendLock)
        {
            var index = _single.Add(_upf);
            datagram.CopyTo(_single.Slot(index));
            _single.SetPacket(index, 0, datagram.Length);
            _socket.Send(_single);
        }
    }

    /// <summary>Sends an Echo Request to the UPF.</summary>
    public void SendEchoRequest(ushort sequenceNumber)
    {
        Span<byte> buffer = stackalloc byte[12];
        SendToUpf(buffer[..GtpuWriter.WriteEchoRequest(buffer, sequenceNumber)]);
    }

    private void UplinkLoop()
    {
        using var batch = new PacketBatch(64, 2048 + Headroom);
        try
        {
            while (!_stopping)
            {
                var n = _ue.ReadBatch(batch, 50, Headroom);
                if (n == 0)
                {
                    continue;
                }

                var teid = UplinkTeid;
                PduSessionContainer? container = PduSessionContainer.Uplink(Qfi);
                var headerLength = GtpuWriter.GPduHeaderLength(container);
                for (var i = 0; i < n; i++)
                {
                    var length = batch.Length(i);
                    // Only IPv4 goes up; the kernel also sends IPv6 router solicitations on a fresh device.
                    if (length == 0 || batch.Packet(i)[0] >> 4 != 4)
                    {
                        batch.SetPacket(i, Headroom, 0);
                        continue;
                    }

                    var offset = Headroom - headerLength;
                    GtpuWriter.WriteGPduHeader(batch.Slot(i).Slice(offset, headerLength), teid, length, container);
                    batch.SetPacket(i, offset, headerLength + length);
                    batch.SetEndpoint(i, _upf);
                }

                Interlocked.Add(ref _uplinkPackets, _socket.Send(batch));
            }
        }
        catch (Exception) when (_stopping)
        {
        }
    }

    private void DownlinkLoop()
    {
        using var batch = new PacketBatch(64);
        try
        {
            while (!_stopping)
            {
                var n = _socket.Receive(batch, 50);
                for (var i = 0; i < n; i++)
                {
                    Receive(batch.Packet(i));
                }
            }
        }
        catch (Exception) when (_stopping)
        {
        }
    }

    private void Receive(ReadOnlySpan<byte> datagram)
    {
        if (GtpuPacket.TryDecode(datagram, out var packet) != GtpuDecodeError.None)
        {
            Interlocked.Increment(ref _malformed);
            return;
        }

        var payload = datagram.Slice(packet.PayloadOffset, packet.PayloadLength);
        switch (packet.MessageType)
        {
            case GtpuMessageType.GPdu:
                Volatile.Write(ref _lastTeid, packet.Teid);
                Volatile.Write(ref _lastQfi, packet.HasPduSessionContainer ? packet.PduSessionContainer.Qfi : -1);
                Volatile.Write(ref _lastPduType, packet.HasPduSessionContainer ? (int)packet.PduSessionContainer.PduType : -1);
                if (packet.Teid != DownlinkTeid)
                {
                    Interlocked.Increment(ref _wrongTeid);
                    return;
                }

                if (_ue.Write(payload))
                {
                    Interlocked.Increment(ref _downlinkPackets);
                    Interlocked.Add(ref _downlinkBytes, payload.Length);
                }

                break;
            case GtpuMessageType.EchoResponse:
                Interlocked.Increment(ref _echoResponses);
                break;
            case GtpuMessageType.ErrorIndication:
                if (GtpuInformationElements.TryReadErrorIndication(payload, out var teid, out _))
                {
                    Volatile.Write(ref _lastErrorTeid, teid);
                }

                Interlocked.Increment(ref _errorIndications);
                break;
            case GtpuMessageType.EndMarker:
                Interlocked.Increment(ref _endMarkers);
                break;
        }
    }

    /// <summary>Stops forwarding and closes the socket and the UE device (its address and routes go with it).</summary>
    public void Dispose()
    {
        _stopping = true;
        _uplink.Join();
        _downlink.Join();
        _socket.Dispose();
        _ue.Dispose();
        _single.Dispose();
    }
}
