using System.Net;
using System.Net.Sockets;
using Steward.Rpc.Thrift.Tests.Server;
using Thrift;
using Thrift.Processor;
using Thrift.Protocol;
using Thrift.Protocol.Entities;
using Thrift.Protocol.Utilities;
using Thrift.Server;
using Thrift.Transport;
using Thrift.Transport.Server;

namespace Steward.Rpc.Thrift.Tests.Client;

/// <summary>Steward's client against Apache Thrift 0.25's netstd server (TThreadPoolAsyncServer), every protocol × transport.</summary>
public sealed class ApacheServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An Apache server whose processor answers echo(text) with the text and anything else with UNKNOWN_METHOD.</summary>
    private sealed class ApacheServer : IAsyncDisposable
    {
        private readonly TThreadPoolAsyncServer _server;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _serving;

        public ApacheServer(ThriftProtocolKind protocol, ThriftTransport transport, bool multiplexed)
        {
            Port = FreePort();
            var config = new TConfiguration();
            TTransportFactory framing = transport == ThriftTransport.Framed ? new TFramedTransport.Factory() : new TBufferedTransport.Factory();
            TProtocolFactory protocols = protocol switch
            {
                ThriftProtocolKind.Binary => new TBinaryProtocol.Factory(),
                ThriftProtocolKind.Compact => new TCompactProtocol.Factory(),
                _ => new TJsonProtocol.Factory(),
            };
            ITAsyncProcessor processor = new EchoProcessor();
            if (multiplexed)
            {
                var mux = new TMultiplexedProcessor();
                mux.RegisterProcessor(CalcService.Name, processor);
                processor = mux;
            }
            _server = new TThreadPoolAsyncServer(new TSingletonProcessorFactory(processor), new TServerSocketTransport(Port, config),
                framing, framing, protocols, protocols, new TThreadPoolAsyncServer.Configuration());
            _serving = Task.Run(() => _server.ServeAsync(_stop.Token));
        }

        public int Port { get; }

        /// <summary>The server opens its socket inside ServeAsync: wait (bounded) until a connection is accepted.</summary>
        public async Task<ApacheServer> ReadyAsync()
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, Port, Ct);
                    return this;
                }
                catch (SocketException) when (attempt < 100)
                {
                    await Task.Delay(50, Ct);
                }
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _server.Stop();
            try
            {
                await _serving;
            }
            catch (OperationCanceledException)
            {
            }
            _stop.Dispose();
        }
    }

    private sealed class EchoProcessor : ITAsyncProcessor
    {
        public async Task<bool> ProcessAsync(TProtocol iprot, TProtocol oprot, CancellationToken cancellationToken = default)
        {
            TMessage message;
            try
            {
                message = await iprot.ReadMessageBeginAsync(cancellationToken);
            }
            catch (TTransportException)
            {
                return false;
            }
            string? text = null;
            await iprot.ReadStructBeginAsync(cancellationToken);
            while (await iprot.ReadFieldBeginAsync(cancellationToken) is { Type: not TType.Stop } field)
            {
                if (field.ID == 1 && field.Type == TType.String)
                {
                    text = await iprot.ReadStringAsync(cancellationToken);
                }
                else
                {
                    await TProtocolUtil.SkipAsync(iprot, field.Type, cancellationToken);
                }
                await iprot.ReadFieldEndAsync(cancellationToken);
            }
            await iprot.ReadStructEndAsync(cancellationToken);
            await iprot.ReadMessageEndAsync(cancellationToken);
            if (message.Name != "echo")
            {
                await oprot.WriteMessageBeginAsync(new TMessage(message.Name, TMessageType.Exception, message.SeqID), cancellationToken);
                await new TApplicationException(TApplicationException.ExceptionType.UnknownMethod, "Invalid method name: '" + message.Name + "'").WriteAsync(oprot, cancellationToken);
            }
            else
            {
                await oprot.WriteMessageBeginAsync(new TMessage("echo", TMessageType.Reply, message.SeqID), cancellationToken);
                await oprot.WriteStructBeginAsync(new TStruct("echo_result"), cancellationToken);
                await oprot.WriteFieldBeginAsync(new TField("success", TType.String, 0), cancellationToken);
                await oprot.WriteStringAsync("apache " + text, cancellationToken);
                await oprot.WriteFieldEndAsync(cancellationToken);
                await oprot.WriteFieldStopAsync(cancellationToken);
                await oprot.WriteStructEndAsync(cancellationToken);
            }
            await oprot.WriteMessageEndAsync(cancellationToken);
            await oprot.Transport.FlushAsync(cancellationToken);
            return true;
        }
    }

    [Theory]
    [MemberData(nameof(ServerCallTests.Combinations), MemberType = typeof(ServerCallTests))]
    public async Task Steward_client_calls_an_Apache_server(ThriftProtocolKind protocol, ThriftTransport transport)
    {
        await using var server = await new ApacheServer(protocol, transport, multiplexed: false).ReadyAsync();
        using var channel = new ThriftChannel("127.0.0.1:" + server.Port, new ThriftChannelOptions
        {
            Protocol = protocol,
            Transport = transport,
            MaxConnections = 2,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        });
        var invoker = channel.CreateCallInvoker();
        var replies = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => ServerCallTests.EchoAsync(invoker, "n" + i)));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => "apache n" + i), replies);
        var ex = await Assert.ThrowsAsync<ThriftApplicationException>(() => invoker.AsyncUnaryCall(CalcService.Missing, new TextArgs(), default).ResponseAsync);
        Assert.Equal(ThriftApplicationExceptionType.UnknownMethod, ex.Type);
    }

    [Fact]
    public async Task Steward_multiplexed_client_calls_an_Apache_TMultiplexedProcessor()
    {
        await using var server = await new ApacheServer(ThriftProtocolKind.Compact, ThriftTransport.Framed, multiplexed: true).ReadyAsync();
        using var channel = new ThriftChannel("127.0.0.1:" + server.Port, new ThriftChannelOptions
        {
            Protocol = ThriftProtocolKind.Compact,
            Multiplexed = true,
        });
        Assert.Equal("apache muxed", await ServerCallTests.EchoAsync(channel.CreateCallInvoker(), "muxed"));
    }
}
