using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Node;

/// <summary>A PFCP message as it crossed the wire: the whole message, header included, and who sent it.</summary>
/// <param name="Peer">The sender.</param>
/// <param name="Header">The message's header, already read.</param>
/// <param name="Message">Every octet of the message, header included.</param>
public readonly record struct PfcpReceived(IPEndPoint Peer, PfcpHeader Header, ReadOnlyMemory<byte> Message)
{
    /// <summary>The IEs: the octets after the header.</summary>
    public ReadOnlyMemory<byte> Body => Message[Header.HeaderLength..];
}

/// <summary>
/// Answers one request: returns the whole response message (its sequence number is overwritten
/// with the request's), or null to send nothing.
/// </summary>
public delegate ValueTask<ReadOnlyMemory<byte>?> PfcpRequestHandler(PfcpReceived request, CancellationToken cancellationToken);

/// <summary>
/// Reliable delivery of PFCP over UDP (3GPP TS 29.244 §6.4) on one local address: per-peer 24-bit
/// sequence numbers, requests sent again every T1 up to N1 times, responses matched to requests by
/// (peer, sequence number), duplicate requests answered from a cache of the responses sent, and
/// Version Not Supported Response for any version but 1. One receive loop reads the socket; each
/// request runs its handler on its own task, so a handler may itself send requests and await them.
/// </summary>
public sealed class PfcpEndpoint : IAsyncDisposable
{
    private const int MaxDatagram = 65_535;

    private readonly Socket _socket;
    private readonly PfcpRequestHandler _handler;
    private readonly PfcpEndpointOptions _options;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly CancellationToken _stopping;
    private readonly ConcurrentDictionary<(IPEndPoint Peer, uint Sequence), TaskCompletionSource<PfcpReceived>> _pending = new();
    private readonly ConcurrentDictionary<IPEndPoint, SequenceCounter> _sequences = new();
    private readonly ResponseCache _responses;
    private readonly Task _receiveLoop;

    private PfcpEndpoint(Socket socket, PfcpRequestHandler handler, PfcpEndpointOptions options)
    {
        _socket = socket;
        _handler = handler;
        _options = options;
        _responses = new ResponseCache(options.EffectiveCacheLifetime);
        _stopping = _shutdown.Token;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>The address and port the endpoint listens on (the port chosen when 0 was asked).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The options in force.</summary>
    public PfcpEndpointOptions Options => _options;

    /// <summary>Binds a UDP socket to <paramref name="local"/> (port 8805 by convention) and starts receiving.</summary>
    public static PfcpEndpoint Bind(IPEndPoint local, PfcpRequestHandler handler, PfcpEndpointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(handler);
        options ??= new PfcpEndpointOptions();
        options.Validate();
        var socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(local);
            return new PfcpEndpoint(socket, handler, options);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A whole message: <paramref name="header"/> (its length set from the body) followed by <paramref name="body"/>.</summary>
    public static byte[] Compose(PfcpHeader header, ReadOnlySpan<byte> body)
    {
        var message = new byte[header.HeaderLength + body.Length];
        var written = header.Write(message, body.Length);
        body.CopyTo(message.AsSpan(written));
        return message;
    }

    /// <summary>
    /// Sends a request (a whole message; the endpoint gives it the peer's next sequence number) and
    /// waits for its response, sending it again every T1 up to N1 times; throws
    /// <see cref="PfcpTimeoutException"/> when none comes.
    /// </summary>
    public Task<PfcpReceived> RequestAsync(IPEndPoint peer, ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default) =>
        RequestAsync(peer, request, sequenceAssigned: false, cancellationToken);

    /// <summary>Takes the next sequence number of <paramref name="peer"/> (24 bits, wrapping), for a request the caller numbers itself.</summary>
    public uint NextSequenceNumber(IPEndPoint peer) => _sequences.GetOrAdd(peer, static _ => new SequenceCounter()).Next();

    /// <summary>
    /// Sends a request and waits for its response as <see cref="RequestAsync(IPEndPoint, ReadOnlyMemory{byte}, CancellationToken)"/>
    /// does; with <paramref name="sequenceAssigned"/>, the message keeps the sequence number it carries
    /// (one taken from <see cref="NextSequenceNumber"/>).
    /// </summary>
    public async Task<PfcpReceived> RequestAsync(IPEndPoint peer, ReadOnlyMemory<byte> request, bool sequenceAssigned, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ObjectDisposedException.ThrowIf(_shutdown.IsCancellationRequested, this);
        if (!PfcpHeader.TryRead(request.Span, out var header, out var error))
        {
            throw new ArgumentException($"not a PFCP message: {error}", nameof(request));
        }

        if (!header.MessageType.IsRequest())
        {
            throw new ArgumentException($"{header.MessageType} is not a request", nameof(request));
        }

        var sequence = sequenceAssigned ? header.SequenceNumber : NextSequenceNumber(peer);
        var datagram = request[..header.TotalLength].ToArray();
        WriteSequenceNumber(datagram, sequence);
        header = header with { SequenceNumber = sequence };

        var response = new TaskCompletionSource<PfcpReceived>(TaskCreationOptions.RunContinuationsAsynchronously);
        var key = (peer, sequence);
        _pending[key] = response;
        try
        {
            var attempts = 1 + _options.N1;
            for (var attempt = 0; attempt < attempts; attempt++)
            {
                await _socket.SendToAsync(datagram, SocketFlags.None, peer, cancellationToken).ConfigureAwait(false);
                _options.Trace?.Invoke(new PfcpTrace(attempt == 0 ? PfcpTraceKind.Sent : PfcpTraceKind.Retransmitted, peer, header));
                try
                {
                    return await response.Task.WaitAsync(_options.T1, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // T1 expired: send it again, or give up below.
                }
            }

            throw new PfcpTimeoutException(peer, header.MessageType, sequence, attempts, _options.T1);
        }
        finally
        {
            _pending.TryRemove(KeyValuePair.Create(key, response));
        }
    }

    /// <summary>Stops receiving, closes the socket and fails the requests still waiting.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_shutdown.IsCancellationRequested)
        {
            return;
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _receiveLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(new ObjectDisposedException(nameof(PfcpEndpoint)));
        }

        _shutdown.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[MaxDatagram];
        EndPoint any = LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6
            ? new IPEndPoint(IPAddress.IPv6Any, 0)
            : new IPEndPoint(IPAddress.Any, 0);
        var token = _stopping;
        while (!token.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // An ICMP error reported on the socket says nothing about the next datagram.
                continue;
            }

            var peer = (IPEndPoint)received.RemoteEndPoint;
            Dispatch(peer, buffer.AsSpan(0, received.ReceivedBytes));
        }
    }

    // Several messages may share a datagram (the FO flag); each is dispatched on its own.
    private void Dispatch(IPEndPoint peer, ReadOnlySpan<byte> datagram)
    {
        while (!datagram.IsEmpty)
        {
            if (!PfcpHeader.TryRead(datagram, out var header, out var error))
            {
                if (error == PfcpHeaderError.UnsupportedVersion)
                {
                    AnswerVersionNotSupported(peer, datagram, header);
                }
                else
                {
                    _options.Trace?.Invoke(new PfcpTrace(PfcpTraceKind.Malformed, peer, header));
                }

                return;
            }

            var message = datagram[..header.TotalLength];
            if (!header.MessageType.IsKnown() || header.MessageType.IsSessionMessage() != header.Seid.HasValue)
            {
                // §7.2.3: a message of an unknown type is silently discarded.
                _options.Trace?.Invoke(new PfcpTrace(PfcpTraceKind.Malformed, peer, header));
            }
            else if (header.MessageType.IsRequest())
            {
                AcceptRequest(peer, header, message);
            }
            else
            {
                AcceptResponse(peer, header, message);
            }

            if (!header.FollowOn)
            {
                return;
            }

            datagram = datagram[header.TotalLength..];
        }
    }

    private void AcceptRequest(IPEndPoint peer, PfcpHeader header, ReadOnlySpan<byte> message)
    {
        var key = (peer, header.SequenceNumber);
        switch (_responses.Begin(key, out var cached))
        {
            case ResponseCache.Admission.Answered:
                _options.Trace?.Invoke(new PfcpTrace(PfcpTraceKind.DuplicateAnswered, peer, header));
                _ = SendQuietlyAsync(cached!, peer);
                return;
            case ResponseCache.Admission.InProgress:
                _options.Trace?.Invoke(new PfcpTrace(PfcpTraceKind.DuplicateDropped, peer, header));
                return;
        }

        _options.Trace?.Invoke(new PfcpTrace(PfcpTraceKind.Received, peer, header));
        var request = new PfcpReceived(peer, header, message.ToArray());
        _ = HandleRequestAsync(key, request);
    }

    private async Task HandleRequestAsync((IPEndPoint Peer, uint Sequence) key, PfcpReceived request)
    {
        // Off the receive loop: a handler may await its own requests to the same peer.
        await Task.Yield();
        ReadOnlyMemory<byte>? answer;
        try
        {
            answer = await _handler(request, _stopping).ConfigureAwait(false);
        }
        catch (Exception) when (_shutdown.IsCancellationRequested)
        {
            return;
        }
        catch (Exception)
        {
            // The handler failed without an answer (the typed layers answer their own failures with a
            // cause): forget the request so a retransmission is handled afresh.
            _responses.Abandon(key);
            return;
        }

        if (answer is not { } response || !PfcpHeader.TryRead(response.Span, out var header, out _))
        {
            _responses.Abandon(key);
            return;
        }

        var datagram = response[..header.TotalLength].ToArray();
        WriteSequenceNumber(datagram, request.Header.SequenceNumber);
        _responses.Complete(key, datagram);
        _options.Trace?.Invoke(new PfcpTrace(PfcpTraceKind.Sent, request.Peer, header with { SequenceNumber = request.Header.SequenceNumber }));
        await SendQuietlyAsync(datagram, request.Peer).ConfigureAwait(false);
    }

    private void AcceptResponse(IPEndPoint peer, PfcpHeader header, ReadOnlySpan<byte> message)
    {
        if (!_pending.TryRemove((peer, header.SequenceNumber), out var waiting))
        {
            _options.Trace?.Invoke(new PfcpTrace(PfcpTraceKind.UnmatchedResponse, peer, header));
            return;
        }

        _options.Trace?.Invoke(new PfcpTrace(PfcpTraceKind.Received, peer, header));
        waiting.TrySetResult(new PfcpReceived(peer, header, message.ToArray()));
    }

    // §7.4.4.7: the response is a header alone; it carries the request's sequence number when the
    // octets where version 1 keeps it are there.
    private void AnswerVersionNotSupported(IPEndPoint peer, ReadOnlySpan<byte> datagram, PfcpHeader header)
    {
        _options.Trace?.Invoke(new PfcpTrace(PfcpTraceKind.UnsupportedVersion, peer, header));
        if (header.MessageType == PfcpMessageType.VersionNotSupportedResponse)
        {
            return;
        }

        var at = (datagram[0] & 1) != 0 ? 12 : 4;
        var sequence = datagram.Length >= at + 3
            ? (uint)((datagram[at] << 16) | (datagram[at + 1] << 8) | datagram[at + 2])
            : 0;
        var answer = Compose(PfcpHeader.ForNode(PfcpMessageType.VersionNotSupportedResponse, sequence), []);
        _ = SendQuietlyAsync(answer, peer);
    }

    private async Task SendQuietlyAsync(byte[] datagram, IPEndPoint peer)
    {
        try
        {
            await _socket.SendToAsync(datagram, SocketFlags.None, peer, _stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // A response lost here is sent again from the cache when the peer retransmits.
        }
    }

    private static void WriteSequenceNumber(Span<byte> message, uint sequence)
    {
        var at = (message[0] & 1) != 0 ? 12 : 4;
        message[at] = (byte)(sequence >> 16);
        message[at + 1] = (byte)(sequence >> 8);
        message[at + 2] = (byte)sequence;
    }

    // Each peer's numbers start at a random point: a node that restarts would otherwise send
    // numbers the peer still holds cached responses for, and get an old answer to a new request.
    internal sealed class SequenceCounter(int last)
    {
        private int _last = last;

        public SequenceCounter()
            : this(Random.Shared.Next())
        {
        }

        // 24 bits on the wire: the count wraps from 0xFFFFFF to 0.
        public uint Next() => (uint)Interlocked.Increment(ref _last) & PfcpHeader.MaxSequenceNumber;
    }
}
