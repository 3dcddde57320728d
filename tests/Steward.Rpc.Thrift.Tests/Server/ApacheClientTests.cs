using System.Net;
using Thrift;
using Thrift.Protocol;
using Thrift.Protocol.Entities;
using Thrift.Protocol.Utilities;
using Thrift.Transport;
using Thrift.Transport.Client;

namespace Steward.Rpc.Thrift.Tests.Server;

/// <summary>Apache Thrift 0.25's netstd client (the reference peer) against Steward's server, every protocol × transport.</summary>
public sealed class ApacheClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static TProtocol ApacheProtocol(ThriftProtocolKind kind, TTransport transport) => kind switch
    {
        ThriftProtocolKind.Binary => new TBinaryProtocol(transport),
        ThriftProtocolKind.Compact => new TCompactProtocol(transport),
        _ => new TJsonProtocol(transport),
    };

    private static async Task<TProtocol> ConnectAsync(ThriftTestHost host, ThriftProtocolKind protocol, ThriftTransport transport)
    {
        var socket = new TSocketTransport(IPAddress.Loopback, host.Port, new TConfiguration());
        TTransport framing = transport == ThriftTransport.Framed ? new TFramedTransport(socket) : new TBufferedTransport(socket);
        await framing.OpenAsync(Ct);
        return ApacheProtocol(protocol, framing);
    }

    /// <summary>Sends echo(text) the way Apache's generated client does and returns the reply (or the exception).</summary>
    internal static async Task<(TMessage Header, string? Text, TApplicationException? Error)> EchoAsync(TProtocol protocol, string text, int sequenceId, string name = "echo")
    {
        await protocol.WriteMessageBeginAsync(new TMessage(name, TMessageType.Call, sequenceId), Ct);
        await protocol.WriteStructBeginAsync(new TStruct("echo_args"), Ct);
        await protocol.WriteFieldBeginAsync(new TField("text", TType.String, 1), Ct);
        await protocol.WriteStringAsync(text, Ct);
        await protocol.WriteFieldEndAsync(Ct);
        await protocol.WriteFieldStopAsync(Ct);
        await protocol.WriteStructEndAsync(Ct);
        await protocol.WriteMessageEndAsync(Ct);
        await protocol.Transport.FlushAsync(Ct);

        var header = await protocol.ReadMessageBeginAsync(Ct);
        if (header.Type == TMessageType.Exception)
        {
            var error = await TApplicationException.ReadAsync(protocol, Ct);
            await protocol.ReadMessageEndAsync(Ct);
            return (header, null, error);
        }
        string? success = null;
        await protocol.ReadStructBeginAsync(Ct);
        while (true)
        {
            var field = await protocol.ReadFieldBeginAsync(Ct);
            if (field.Type == TType.Stop)
            {
                break;
            }
            if (field.ID == 0 && field.Type == TType.String)
            {
                success = await protocol.ReadStringAsync(Ct);
            }
            else
            {
                await TProtocolUtil.SkipAsync(protocol, field.Type, Ct);
            }
            await protocol.ReadFieldEndAsync(Ct);
        }
        await protocol.ReadStructEndAsync(Ct);
        await protocol.ReadMessageEndAsync(Ct);
        return (header, success, null);
    }

    [Theory]
    [MemberData(nameof(ServerCallTests.Combinations), MemberType = typeof(ServerCallTests))]
    public async Task Apache_client_calls_are_answered(ThriftProtocolKind protocol, ThriftTransport transport)
    {
        await using var host = await ThriftTestHost.StartAsync();
        var client = await ConnectAsync(host, protocol, transport);
        using var _ = client.Transport;
        for (var seq = 1; seq <= 3; seq++)
        {
            var (header, text, error) = await EchoAsync(client, "héllo " + seq, seq);
            Assert.Null(error);
            Assert.Equal(("echo", TMessageType.Reply, seq), (header.Name, header.Type, header.SeqID));
            Assert.Equal("héllo " + seq, text);
        }
    }

    [Theory]
    [InlineData(ThriftTransport.Framed)]
    [InlineData(ThriftTransport.Buffered)]
    public async Task Apache_non_strict_binary_is_detected_and_answered(ThriftTransport transport)
    {
        await using var host = await ThriftTestHost.StartAsync();
        var socket = new TSocketTransport(IPAddress.Loopback, host.Port, new TConfiguration());
        TTransport framing = transport == ThriftTransport.Framed ? new TFramedTransport(socket) : new TBufferedTransport(socket);
        await framing.OpenAsync(Ct);
        using var _ = framing;
        // The old header: name length, name, type byte, sequence id — no version word.
        var client = new TBinaryProtocol(framing, strictRead: false, strictWrite: false);
        var (header, text, error) = await EchoAsync(client, "old style", 11);
        Assert.Null(error);
        Assert.Equal(("echo", 11, "old style"), (header.Name, header.SeqID, text));
        await host.Logs.AssertLoggedAsync($"{transport} transport, Binary protocol");
    }

    [Fact]
    public async Task Apache_client_hears_unknown_method_as_its_TApplicationException()
    {
        await using var host = await ThriftTestHost.StartAsync();
        var client = await ConnectAsync(host, ThriftProtocolKind.Compact, ThriftTransport.Buffered);
        using var _ = client.Transport;
        var (header, _, error) = await EchoAsync(client, "x", 5, name: "nope");
        Assert.Equal((TMessageType.Exception, 5), (header.Type, header.SeqID));
        Assert.Equal(TApplicationException.ExceptionType.UnknownMethod, error!.Type);
        Assert.Equal("still", (await EchoAsync(client, "still", 6)).Text);
    }

    [Fact]
    public async Task Apache_TMultiplexedProtocol_reaches_the_named_service()
    {
        await using var host = await ThriftTestHost.StartAsync(o => o.Multiplexed = true);
        var client = await ConnectAsync(host, ThriftProtocolKind.Binary, ThriftTransport.Framed);
        using var _ = client.Transport;
        var multiplexed = new TMultiplexedProtocol(client, CalcService.Name);
        var (header, text, error) = await EchoAsync(multiplexed, "muxed", 1);
        Assert.Null(error);
        Assert.Equal("echo", header.Name);
        Assert.Equal("muxed", text);
    }
}
