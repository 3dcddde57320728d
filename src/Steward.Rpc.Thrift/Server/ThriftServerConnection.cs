using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;

namespace Steward.Rpc.Thrift;

/// <summary>
/// One accepted Thrift connection. Inline and ThreadPool dispatch serve one call at a time (read, run,
/// reply, read the next), like each connection of Apache's TThreadPoolServer; BoundedPerConnection reads
/// ahead and runs up to <see cref="StewardServerOptions.MaxConcurrentCallsPerConnection"/> calls at once,
/// like THsHaServer / TNonblockingServer. Replies always leave in request order.
/// A protocol error ends only this connection: it is logged and the connection closed.
/// Reads and serial flushes take no token: Kestrel cancels ConnectionClosed as soon as the client's FIN
/// arrives, and the bytes sent before it (a last call, or a truncated one to report) must still be read;
/// the input pipe ends by itself. The token is the handlers' (and the slot waits').
/// </summary>
internal sealed class ThriftServerConnection
{
    private static readonly ThriftMessageParser<ThriftServerConnection, IncomingCall> ParseIncoming = Parse;

    private readonly ThriftConnectionHandler _listener;
    private readonly ThriftDispatcher _dispatcher;
    private readonly ConnectionContext _connection;
    private readonly PipeWriter _output;
    private readonly CancellationTokenSource _closed;
    private readonly string _peer;
    private ThriftMessageReader? _messages;
    private ThriftProtocolKind _protocol;
    private ThriftTransport _transport;
    private readonly ConcurrentBag<ThriftMessageWriter> _writers = new();

    public ThriftServerConnection(ThriftConnectionHandler listener, ConnectionContext connection)
    {
        _listener = listener;
        _dispatcher = listener.Dispatcher;
        _connection = connection;
        _output = connection.Transport.Output;
        _closed = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        _peer = ThriftConnectionHandler.FormatPeer(connection.RemoteEndPoint);
    }

    private ThriftLimits Limits => _listener.Options.Limits;

    public async Task RunAsync()
    {
        var token = _closed.Token;
        try
        {
            var detected = await ThriftDetection.DetectAsync(_connection.Transport.Input, _listener.Options.Transport, _listener.Options.Protocol, CancellationToken.None).ConfigureAwait(false);
            if (detected is not { } found)
            {
                return;
            }
            (_transport, _protocol) = found;
            ThriftServerLog.ConnectionDetected(_dispatcher.Logger, _peer, _transport, _protocol);
            _messages = new ThriftMessageReader(_connection.Transport.Input, _transport, ThriftProtocols.CreateReader(_protocol, Limits), Limits);
            if (_dispatcher.Options.Dispatch == DispatchMode.BoundedPerConnection)
            {
                await RunPipelinedAsync(token).ConfigureAwait(false);
            }
            else
            {
                await RunSerialAsync(token).ConfigureAwait(false);
            }
        }
        catch (ThriftProtocolException ex)
        {
            ThriftServerLog.ProtocolError(_dispatcher.Logger, _peer, ex.Message, ex);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            ThriftServerLog.ConnectionLost(_dispatcher.Logger, _peer, "closed");
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or ConnectionAbortedException or ObjectDisposedException)
        {
            ThriftServerLog.ConnectionLost(_dispatcher.Logger, _peer, ex.Message);
        }
        finally
        {
            await _closed.CancelAsync().ConfigureAwait(false);
            _messages?.Dispose();
            _closed.Dispose();
        }
    }

    private async Task RunSerialAsync(CancellationToken token)
    {
        using var gate = new CallGate(_dispatcher.Options.Dispatch, 1);
        var writer = CreateWriter();
        while (true)
        {
            var (read, call) = await _messages!.ReadAsync(ParseIncoming, this, CancellationToken.None).ConfigureAwait(false);
            if (!read)
            {
                return;
            }
            bool reply;
            if (call.Handler is null)
            {
                reply = Reject(call, writer);
            }
            else
            {
                using (await gate.EnterAsync(token).ConfigureAwait(false))
                {
                    reply = await ExecuteAsync(call, writer, token).ConfigureAwait(false);
                }
            }
            if (reply)
            {
                writer.CopyTo(_output);
                await _output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
            if (call.Close)
            {
                return;
            }
        }
    }

    private async Task RunPipelinedAsync(CancellationToken token)
    {
        using var gate = new CallGate(DispatchMode.BoundedPerConnection, _dispatcher.Options.MaxConcurrentCallsPerConnection);
        var replies = Channel.CreateUnbounded<PendingReply>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var sending = SendRepliesAsync(replies.Reader, token);
        try
        {
            while (true)
            {
                var (read, call) = await _messages!.ReadAsync(ParseIncoming, this, CancellationToken.None).ConfigureAwait(false);
                if (!read)
                {
                    // The client hung up, as Apache's servers take it: calls still running are cancelled.
                    await _closed.CancelAsync().ConfigureAwait(false);
                    break;
                }
                // The slot is held until the reply is sent, so finished replies queued behind a slow one count too.
                var lease = await gate.EnterAsync(token).ConfigureAwait(false);
                var writer = RentWriter();
                Task<bool> reply = call.Handler is null
                    ? Task.FromResult(Reject(call, writer))
                    : ExecuteAsync(call, writer, token).AsTask();
                replies.Writer.TryWrite(new PendingReply(reply, writer, lease));
                if (call.Close)
                {
                    break;
                }
            }
        }
        catch
        {
            await _closed.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            replies.Writer.TryComplete();
            await sending.ConfigureAwait(false);
        }
    }

    private async Task SendRepliesAsync(ChannelReader<PendingReply> replies, CancellationToken token)
    {
        var broken = false;
        await foreach (var pending in replies.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                if (await pending.Reply.ConfigureAwait(false) && !broken)
                {
                    pending.Writer.CopyTo(_output);
                    // Flush when nothing else is ready, so replies that finish together share a send.
                    if (!replies.TryPeek(out _))
                    {
                        await _output.FlushAsync(token).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception ex)
            {
                // The connection is going away; the remaining handlers still finish so their slots are released.
                broken = true;
                ThriftServerLog.ConnectionLost(_dispatcher.Logger, _peer, ex.Message);
            }
            finally
            {
                _writers.Add(pending.Writer);
                pending.Lease.Dispose();
            }
        }
        if (!broken && !token.IsCancellationRequested)
        {
            try
            {
                await _output.FlushAsync(token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ConnectionResetException)
            {
                ThriftServerLog.ConnectionLost(_dispatcher.Logger, _peer, ex.Message);
            }
        }
    }

    /// <summary>Runs the handler and encodes its reply (or its failure) into <paramref name="writer"/>; false when nothing is to be sent.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ExecuteAsync(IncomingCall call, ThriftMessageWriter writer, CancellationToken token)
    {
        var header = call.Header;
        var handler = call.Handler!;
        var noReply = header.Type == ThriftMessageType.Oneway || handler.IsOneway;
        var context = new ThriftServerCallContext(handler.Method, header.Name, header.SequenceId, _peer, token);
        object? response;
        try
        {
            response = await handler.InvokeAsync(call.Request!, context).ConfigureAwait(false);
            if (context.Status.StatusCode != StatusCode.OK)
            {
                throw new RpcException(context.Status);
            }
        }
        catch (Exception ex)
        {
            if (ex is OperationCanceledException && token.IsCancellationRequested)
            {
                ThriftServerLog.ConnectionLost(_dispatcher.Logger, _peer, $"closed while '{header.Name}' was running");
                return false;
            }
            var failure = _dispatcher.ToApplicationException(context, ex);
            if (noReply)
            {
                return false;
            }
            WriteException(writer, call, failure);
            return true;
        }
        if (noReply)
        {
            return false;
        }
        try
        {
            var protocol = writer.Begin();
            protocol.WriteMessageBegin(new ThriftMessageHeader(call.ReplyName, ThriftMessageType.Reply, header.SequenceId));
            handler.WriteResult(protocol, response);
            protocol.WriteMessageEnd();
            writer.End();
        }
        catch (Exception ex)
        {
            ThriftServerLog.HandlerThrew(_dispatcher.Logger, header.Name, ex);
            WriteException(writer, call, new ThriftApplicationException(ThriftApplicationExceptionType.InternalError,
                _dispatcher.Options.EnableDetailedErrors ? $"Encoding the result of '{header.Name}' failed. {ex.GetType().Name}: {ex.Message}" : $"Internal error processing {header.Name}"));
        }
        return true;
    }

    /// <summary>Answers a message that reaches no handler; false when it needs no reply (a oneway message).</summary>
    private bool Reject(IncomingCall call, ThriftMessageWriter writer)
    {
        var error = call.Error!;
        ThriftServerLog.MessageRejected(_dispatcher.Logger, call.Header.Name, _peer, error.Type.ToString(), error.Message);
        if (call.Header.Type == ThriftMessageType.Oneway)
        {
            return false;
        }
        WriteException(writer, call, error);
        return true;
    }

    private static void WriteException(ThriftMessageWriter writer, in IncomingCall call, ThriftApplicationException exception)
    {
        var protocol = writer.Begin();
        protocol.WriteMessageBegin(new ThriftMessageHeader(call.ReplyName, ThriftMessageType.Exception, call.Header.SequenceId));
        exception.Write(protocol);
        protocol.WriteMessageEnd();
        writer.End();
    }

    private static IncomingCall Parse(ThriftReader reader, ThriftServerConnection connection)
    {
        var header = reader.ReadMessageBegin();
        if (header.Type is not (ThriftMessageType.Call or ThriftMessageType.Oneway))
        {
            // A server is sent only calls; whatever this is, its body is not worth trusting.
            return new IncomingCall(header, null, null, Close: true,
                new ThriftApplicationException(ThriftApplicationExceptionType.InvalidMessageType, $"Message type {(int)header.Type} ({header.Type}) is not CALL or ONEWAY."));
        }
        var handler = connection._listener.Table.Find(header.Name);
        try
        {
            if (handler is null)
            {
                reader.Skip(ThriftType.Struct);
                reader.ReadMessageEnd();
                return new IncomingCall(header, null, null, Close: false,
                    new ThriftApplicationException(ThriftApplicationExceptionType.UnknownMethod, connection._listener.Table.DescribeUnknown(header.Name)));
            }
            var request = handler.ReadArgs(reader);
            reader.ReadMessageEnd();
            return new IncomingCall(header, handler, request, Close: false, null);
        }
        catch (ThriftProtocolException ex) when (ex is not ThriftIncompleteMessageException)
        {
            // The header is known, so the caller hears why. A frame's end is known too, so a framed
            // connection goes on; a buffered one has lost its place in the stream and is closed.
            return new IncomingCall(header, null, null, Close: connection._transport != ThriftTransport.Framed,
                new ThriftApplicationException(ThriftApplicationExceptionType.ProtocolError, $"Bad arguments for '{header.Name}': {ex.Message}"));
        }
    }

    private ThriftMessageWriter CreateWriter() => new(_transport, ThriftProtocols.CreateWriter(_protocol), Limits);

    private ThriftMessageWriter RentWriter() => _writers.TryTake(out var writer) ? writer : CreateWriter();

    private readonly record struct IncomingCall(ThriftMessageHeader Header, ThriftMethodHandler? Handler, object? Request, bool Close, ThriftApplicationException? Error)
    {
        /// <summary>
        /// The name the reply carries: as received, except that a multiplexed <c>Service:method</c> is answered
        /// with <c>method</c>, as Apache's TMultiplexedProcessor does (clients that check the name expect that).
        /// </summary>
        public string ReplyName => Header.Name.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0
            ? (Handler is not null ? Handler.Method.Name : Header.Name[(colon + 1)..])
            : Header.Name;
    }

    private readonly record struct PendingReply(Task<bool> Reply, ThriftMessageWriter Writer, CallGate.Lease Lease);
}
