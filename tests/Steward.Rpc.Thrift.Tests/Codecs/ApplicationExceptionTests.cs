using System.Buffers;
using Steward.Rpc.Thrift.Tests.Protocol;
using Thrift;
using Thrift.Transport.Client;

namespace Steward.Rpc.Thrift.Tests.Codecs;

public class ApplicationExceptionTests
{
    public static TheoryData<ThriftProtocolKind> Kinds => [ThriftProtocolKind.Binary, ThriftProtocolKind.Compact, ThriftProtocolKind.Json];

    [Theory, MemberData(nameof(Kinds))]
    public async Task Apache_reads_ours_and_we_read_apaches_with_the_same_type_and_message(ThriftProtocolKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var type in Enum.GetValues<ThriftApplicationExceptionType>())
        {
            foreach (var message in new[] { "Invalid method name: 'nope'", "", "ünïcode ✓" })
            {
                var output = new ArrayBufferWriter<byte>();
                var writer = ThriftProtocols.CreateWriter(kind);
                writer.Reset(output);
                new ThriftApplicationException(type, message).Write(writer);
                writer.Flush();

                using var transport = new TMemoryBufferTransport(output.WrittenSpan.ToArray(), new TConfiguration());
                var theirs = await TApplicationException.ReadAsync(ApacheWire.Protocol(kind, transport), ct);
                Assert.Equal((int)type, (int)theirs.Type);

                using var apacheOut = new TMemoryBufferTransport(new TConfiguration());
                await new TApplicationException((TApplicationException.ExceptionType)type, message).WriteAsync(ApacheWire.Protocol(kind, apacheOut), ct);
                var apacheBytes = apacheOut.GetBuffer();
                Assert.Equal(Convert.ToHexString(apacheBytes), Convert.ToHexString(output.WrittenSpan));

                var reader = ThriftProtocols.CreateReader(kind);
                reader.Reset(new ReadOnlySequence<byte>(apacheBytes));
                var ours = ThriftApplicationException.Read(reader);
                Assert.Equal(type, ours.Type);
                Assert.Equal(message, ours.Status.Detail);
            }
        }
    }

    [Theory]
    [InlineData(ThriftApplicationExceptionType.UnknownMethod, StatusCode.Unimplemented)]
    [InlineData(ThriftApplicationExceptionType.Unknown, StatusCode.Unknown)]
    [InlineData(ThriftApplicationExceptionType.InternalError, StatusCode.Internal)]
    [InlineData(ThriftApplicationExceptionType.ProtocolError, StatusCode.Internal)]
    [InlineData(ThriftApplicationExceptionType.BadSequenceId, StatusCode.Internal)]
    [InlineData(ThriftApplicationExceptionType.MissingResult, StatusCode.Internal)]
    [InlineData(ThriftApplicationExceptionType.WrongMethodName, StatusCode.Internal)]
    [InlineData(ThriftApplicationExceptionType.InvalidMessageType, StatusCode.Internal)]
    [InlineData(ThriftApplicationExceptionType.InvalidTransform, StatusCode.Internal)]
    [InlineData(ThriftApplicationExceptionType.InvalidProtocol, StatusCode.Internal)]
    [InlineData(ThriftApplicationExceptionType.UnsupportedClientType, StatusCode.Internal)]
    [InlineData((ThriftApplicationExceptionType)99, StatusCode.Unknown)]
    public void Its_status_comes_from_its_type(ThriftApplicationExceptionType type, StatusCode code)
    {
        var ex = new ThriftApplicationException(type, "m");
        Assert.Equal(code, ex.StatusCode);
        Assert.IsAssignableFrom<RpcException>(ex);
    }

    [Fact]
    public void A_server_failure_maps_to_the_type_apache_servers_send()
    {
        Assert.Equal(ThriftApplicationExceptionType.UnknownMethod, ThriftApplicationException.FromStatusCode(StatusCode.Unimplemented));
        Assert.Equal(ThriftApplicationExceptionType.Unknown, ThriftApplicationException.FromStatusCode(StatusCode.Unknown));
        Assert.Equal(ThriftApplicationExceptionType.InternalError, ThriftApplicationException.FromStatusCode(StatusCode.NotFound));
        Assert.Throws<ArgumentOutOfRangeException>(() => ThriftApplicationException.FromStatusCode(StatusCode.OK));

        var fromRpc = ThriftApplicationException.FromException(new RpcException(new Status(StatusCode.InvalidArgument, "bad name")), "greet");
        Assert.Equal(ThriftApplicationExceptionType.InternalError, fromRpc.Type);
        Assert.Equal("bad name", fromRpc.Status.Detail);
        var fromProtocol = ThriftApplicationException.FromException(new ThriftProtocolException(ThriftProtocolError.NegativeSize, "Negative size"), "greet");
        Assert.Equal(ThriftApplicationExceptionType.ProtocolError, fromProtocol.Type);
        var fromOther = ThriftApplicationException.FromException(new InvalidOperationException("secret"), "greet");
        Assert.Equal(ThriftApplicationExceptionType.InternalError, fromOther.Type);
        Assert.DoesNotContain("secret", fromOther.Status.Detail, StringComparison.Ordinal);
    }
}
