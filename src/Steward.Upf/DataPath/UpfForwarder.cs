using System.Net;
using Steward.Linux;
using Steward.Linux.Rtnetlink;
using Steward.Linux.Sockets;
using Steward.Upf.Gtpu;

namespace Steward.Upf.DataPath;

/// <summary>
/// The UPF's forwarding threads between N3 (GTP-U on a UDP socket, port 2152) and N6 (a TUN
/// device): the uplink thread receives datagrams in recvmmsg batches, asks the
/// <see cref="UserPlane"/> what to do with each and writes decapsulated packets to the TUN; it
/// answers Echo Requests, sends an Error Indication for a G-PDU whose TEID it does not know and
/// a Supported Extension Headers Notification for one it cannot read. The downlink thread drains
/// the TUN after each wakeup, encapsulates in place (the packets are read behind enough headroom
/// for the tunnel header) and sends the batch with one sendmmsg; it also sends the packets an
/// Apply released from a session's buffer. Both threads wake at least every
/// <see cref="PollIntervalMs"/> to notice <see cref="Dispose"/>.
/// </summary>
public sealed class UpfForwarder : IDisposable
{
    /// <summary>How long a thread waits for packets before checking whether it should stop.</summary>
    public const int PollIntervalMs = 50;

    private static readonly byte[] SupportedExtensions = [(byte)GtpuExtensionType.UdpPort, (byte)GtpuExtensionType.PduSessionContainer];

    private readonly UserPlane _plane;
    private readonly UdpBatchSocket _n3;
    private readonly TunDevice _n6;
    private readonly uint _n3Address;
    private readonly int _batchSize;
    private readonly Thread _uplink;
    private readonly Thread _downlink;
    private volatile bool _stopping;
    private int _started;

    /// <param name="plane">The rules.</param>
    /// <param name="n3">The bound GTP-U socket; the forwarder owns it from now on.</param>
    /// <param name="n6">The TUN device (up, with routes to the UEs through it); the forwarder owns it from now on.</param>
    /// <param name="n3Address">The address peers send G-PDUs to, named in Error Indications; the socket's own address when null (it must not be 0.0.0.0 then).</param>
    /// <param name="batchSize">Packets per recvmmsg, sendmmsg and TUN drain.</param>
    public UpfForwarder(UserPlane plane, UdpBatchSocket n3, TunDevice n6, IPAddress? n3Address = null, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(plane);
        ArgumentNullException.ThrowIfNull(n3);
        ArgumentNullException.ThrowIfNull(n6);
        _plane = plane;
        _n3 = n3;
        _n6 = n6;
        _n3Address = n3Address is null ? n3.LocalEndPoint.Address : Ipv4Endpoint.ToUInt32(n3Address);
        _batchSize = batchSize;
        _uplink = new Thread(UplinkLoop) { IsBackground = true, Name = "upf-uplink" };
        _downlink = new Thread(DownlinkLoop) { IsBackground = true, Name = "upf-downlink" };
    }

    /// <summary>
    /// Opens the N6 TUN device in the calling thread's network namespace, brings it up and routes
    /// <paramref name="uePools"/> to it. Its transmit queue is long (the kernel drops what does not
    /// fit while the downlink thread is busy: a TUN device gives the stack no backpressure).
    /// </summary>
    public static TunDevice OpenN6(string name, IReadOnlyList<IPPrefix> uePools, int txQueueLength = 4096)
    {
        ArgumentNullException.ThrowIfNull(uePools);
        var tun = TunDevice.Open(name, TunMode.Tun);
        try
        {
            using var rt = RtNetlink.Open();
            var index = rt.GetLink(tun.Name).Index;
            rt.SetTxQueueLength(index, txQueueLength);
            rt.SetUp(index);
            foreach (var pool in uePools)
            {
                rt.AddRoute(new Route { Destination = pool, OutputInterface = index });
            }

            return tun;
        }
        catch
        {
            tun.Dispose();
            throw;
        }
    }

    /// <summary>The rules this forwarder applies.</summary>
    public UserPlane Plane => _plane;

    /// <summary>The N3 socket's address and port.</summary>
    public Ipv4Endpoint N3EndPoint => _n3.LocalEndPoint;

    /// <summary>The packet counters.</summary>
    public DataPathCounters Counters => _plane.Counters;

    /// <summary>What stopped a forwarding thread, if one failed (then that direction no longer forwards).</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Starts both threads.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("the forwarder is already started");
        }

        _uplink.Start();
        _downlink.Start();
    }

    private void UplinkLoop()
    {
        using var received = new PacketBatch(_batchSize);
        using var replies = new PacketBatch(_batchSize, 256);
        try
        {
            while (!_stopping)
            {
                var n = _n3.Receive(received, PollIntervalMs);
                for (var i = 0; i < n; i++)
                {
                    var datagram = received.Packet(i);
                    switch (_plane.ProcessUplink(datagram, out var packet))
                    {
                        case UplinkAction.Forward:
                            if (!_n6.Write(datagram.Slice(packet.PayloadOffset, packet.PayloadLength)))
                            {
                                _plane.CountSendFailure();
                            }

                            break;
                        case UplinkAction.AnswerEcho:
                            // The response goes back to the request's source port (TS 29.281 §4.4.2.2).
                            var echo = NextReply(replies, received.Endpoint(i));
                            replies.SetPacket(echo, 0, GtpuWriter.WriteEchoResponse(replies.Slot(echo), packet.SequenceNumber));
                            break;
                        case UplinkAction.SendErrorIndication:
                            // To the G-PDU's sender, on the GTP-U port (§4.4.2.4 / §7.3.1).
                            var error = NextReply(replies, received.Endpoint(i) with { Port = 2152 });
                            replies.SetPacket(error, 0, GtpuWriter.WriteErrorIndication(replies.Slot(error), packet.Teid, _n3Address));
                            break;
                        case UplinkAction.SendSupportedExtensionHeaders:
                            var notification = NextReply(replies, received.Endpoint(i) with { Port = 2152 });
                            replies.SetPacket(notification, 0, GtpuWriter.WriteSupportedExtensionHeadersNotification(replies.Slot(notification), packet.SequenceNumber, SupportedExtensions));
                            break;
                    }
                }

                if (replies.Count > 0)
                {
                    _n3.Send(replies);
                }
            }
        }
        catch (Exception e) when (_stopping || e is IOException or ObjectDisposedException)
        {
            if (!_stopping)
            {
                Fault = e;
            }
        }
    }

    private int NextReply(PacketBatch replies, Ipv4Endpoint to)
    {
        var index = replies.Add(to);
        if (index < 0)
        {
            _n3.Send(replies);
            index = replies.Add(to);
        }

        return index;
    }

    private void DownlinkLoop()
    {
        const int headroom = UserPlane.DownlinkHeadroom;
        using var batch = new PacketBatch(_batchSize, 2048 + headroom);
        try
        {
            while (!_stopping)
            {
                SendEndMarkers(batch);
                var n = _n6.ReadBatch(batch, PollIntervalMs, headroom);
                if (n > 0)
                {
                    Encapsulate(batch, n);
                }

                while (_plane.HasReleased)
                {
                    var count = 0;
                    while (count < batch.Capacity && _plane.TryTakeReleased(batch.Slot(count)[headroom..], out var length))
                    {
                        batch.SetPacket(count++, headroom, length);
                    }

                    batch.Count = count;
                    Encapsulate(batch, count);
                }
            }
        }
        catch (Exception e) when (_stopping || e is IOException or ObjectDisposedException)
        {
            if (!_stopping)
            {
                Fault = e;
            }
        }
    }

    // Between batches: every packet encapsulated on the old rules has been sent.
    private void SendEndMarkers(PacketBatch batch)
    {
        while (_plane.TryTakeEndMarker(out var teid, out var peer))
        {
            var index = batch.Add(peer);
            if (index < 0)
            {
                _n3.Send(batch);
                index = batch.Add(peer);
            }

            batch.SetPacket(index, 0, GtpuWriter.WriteEndMarker(batch.Slot(index), teid));
        }

        if (batch.Count > 0)
        {
            _n3.Send(batch);
        }
    }

    private void Encapsulate(PacketBatch batch, int n)
    {
        var forwarded = 0;
        for (var i = 0; i < n; i++)
        {
            if (_plane.ProcessDownlink(batch.Slot(i), batch.Offset(i), batch.Length(i), out var offset, out var length, out var peer) == DownlinkAction.Forward)
            {
                batch.SetPacket(i, offset, length);
                batch.SetEndpoint(i, peer);
                forwarded++;
            }
            else
            {
                batch.SetPacket(i, batch.Offset(i), 0);
            }
        }

        var sent = forwarded == 0 ? 0 : _n3.Send(batch);
        batch.Clear();
        for (var i = sent; i < forwarded; i++)
        {
            _plane.CountSendFailure();
        }
    }

    /// <summary>Stops both threads, then closes the socket and the TUN device.</summary>
    public void Dispose()
    {
        _stopping = true;
        if (_started != 0)
        {
            _uplink.Join();
            _downlink.Join();
        }

        _n3.Dispose();
        _n6.Dispose();
    }
}
