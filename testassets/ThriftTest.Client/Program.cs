using ThriftTest;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Steward.Rpc;
using Steward.Rpc.Thrift;
using ThriftTest.Client;

// Steward's ThriftTest client for Apache Thrift's cross test:
//   --host=H --port=N | --domain-socket=PATH
//   --protocol=binary|compact|json|multi|multic|multij   --transport=buffered|framed   --ssl --keys=DIR
//   --no-uuid   skip testUuid, for peers built from a compiler without uuid (Debian's thrift 0.17: python3-thrift,
//               and ThriftTest.Anchor, whose code that compiler generates)
// Prints "name: passed" / "name: FAILED: why" per case; the exit code ORs Apache's error bits (1 base types,
// 2 structs, 4 containers, 8 exceptions, 64 unknown), 0 when everything passed.
var flags = CrossTestFlags.Parse(args);
if (flags.Error is { } error)
{
    Console.Error.WriteLine($"ThriftTest.Client: {error}");
    return 2;
}

var options = new ThriftChannelOptions
{
    Protocol = flags.Protocol,
    Transport = flags.Transport,
    Multiplexed = flags.Multiplexed,
    // One connection, as Apache's test clients use: a oneway call and the call after it share it.
    MaxConnections = 1,
    Timeout = TimeSpan.FromSeconds(20),
};
if (flags.Ssl)
{
    var trusted = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(flags.Keys, "server.crt"));
    options.Tls = new SslClientAuthenticationOptions
    {
        // The test certificate is self-signed: trust exactly the one in --keys.
        RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None || (certificate is not null && certificate.GetCertHashString() == trusted.GetCertHashString()),
    };
}
using var channel = ThriftChannel.ForAddress(flags.DomainSocket is { } path ? "unix:" + path : $"{flags.Host}:{flags.Port}", options);
var invoker = channel.CreateCallInvoker();
var client = new ThriftTest.ThriftTest.ThriftTestClient(invoker);
var second = flags.Multiplexed ? new ThriftTest.SecondService.SecondServiceClient(invoker) : null;

var errors = 0;
foreach (var (name, bit, run) in ClientCases.All(client, second, withUuid: !flags.NoUuid))
{
    try
    {
        await run();
        Console.WriteLine(name + ": passed");
    }
    catch (Exception ex)
    {
        errors |= bit;
        Console.WriteLine($"{name}: FAILED: {(ex is CaseFailedException ? "" : ex.GetType().Name + ": ")}{ex.Message.ReplaceLineEndings(" ")}");
        if (ex is RpcException { StatusCode: StatusCode.Unavailable })
        {
            // The server is gone; every further case would fail the same way.
            errors |= ClientCases.Unknown;
            break;
        }
    }
}
return errors;
