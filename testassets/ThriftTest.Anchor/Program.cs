using System.Security.Cryptography.X509Certificates;
using Anchor;
using Microsoft.Extensions.Logging;
using Thrift;
using Thrift.Processor;
using Thrift.Protocol;
using Thrift.Server;
using Thrift.Transport;
using Thrift.Transport.Client;
using Thrift.Transport.Server;

// ThriftTest.Anchor server|client, Apache Thrift's cross-test flags:
//   server --port=N [--protocol=binary|compact|json|multi|multic|multij] [--transport=buffered|framed]
//          [--ssl --keys=DIR] [--server-type=simple|threadpool]
//   client --host=H --port=N [same protocol/transport/ssl flags]
// ApacheThrift for .NET has no Unix domain socket transport, so --domain-socket is refused.
// --keys=DIR (or THRIFT_TEST_KEYS) holds server.crt and server.key (PEM); the client trusts server.crt.
var mode = args.FirstOrDefault();
var flags = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (var arg in args.Skip(1))
{
    if (!arg.StartsWith("--", StringComparison.Ordinal))
    {
        return Usage($"unexpected argument {arg}");
    }
    var eq = arg.IndexOf('=', StringComparison.Ordinal);
    flags[eq < 0 ? arg[2..] : arg[2..eq]] = eq < 0 ? "" : arg[(eq + 1)..];
}
if (flags.ContainsKey("domain-socket"))
{
    return Usage("--domain-socket: ApacheThrift for .NET has no Unix domain socket transport");
}
var protocol = flags.GetValueOrDefault("protocol", "binary");
var multiplexed = protocol.StartsWith("multi", StringComparison.Ordinal);
var baseProtocol = multiplexed ? protocol[5..] switch { "" => "binary", "c" => "compact", "j" => "json", var p => p } : protocol;
if (baseProtocol is not ("binary" or "compact" or "json"))
{
    return Usage($"unknown --protocol={protocol}");
}
var framed = flags.GetValueOrDefault("transport", "buffered") switch
{
    "buffered" => false,
    "framed" => true,
    var t => throw new ArgumentException($"unknown --transport={t}"),
};
var port = int.Parse(flags.GetValueOrDefault("port", "9090"), System.Globalization.CultureInfo.InvariantCulture);
var ssl = flags.ContainsKey("ssl");
var keys = flags.GetValueOrDefault("keys") ?? Environment.GetEnvironmentVariable("THRIFT_TEST_KEYS") ?? "";
if (ssl && keys.Length == 0)
{
    return Usage("--ssl needs --keys=DIR (or THRIFT_TEST_KEYS) holding server.crt and server.key");
}
var config = new TConfiguration();

if (mode == "server")
{
    var handler = new AnchorHandler();
    ITAsyncProcessor processor = new ThriftTest.ThriftTest.AsyncProcessor(handler);
    if (multiplexed)
    {
        var mux = new TMultiplexedProcessor();
        mux.RegisterProcessor("ThriftTest", processor);
        mux.RegisterProcessor("SecondService", new ThriftTest.SecondService.AsyncProcessor(new AnchorSecondHandler()));
        processor = mux;
    }
    TServerTransport endpoint = ssl
        ? new TTlsServerSocketTransport(port, config,
            X509Certificate2.CreateFromPemFile(Path.Combine(keys, "server.crt"), Path.Combine(keys, "server.key")),
            // Without a validator ApacheThrift rejects clients that present no certificate; the cross test uses none.
            (_, _, _, _) => true)
        : new TServerSocketTransport(port, config);
    TTransportFactory layer = framed ? new TFramedTransport.Factory() : new TBufferedTransport.Factory();
    TProtocolFactory protocolFactory = baseProtocol switch
    {
        "compact" => new TCompactProtocol.Factory(),
        "json" => new TJsonProtocol.Factory(),
        _ => new TBinaryProtocol.Factory(),
    };
    var processorFactory = new TSingletonProcessorFactory(processor);
    // The servers report failed handshakes and protocol errors only through the logger.
    using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
    var logger = logging.CreateLogger("ThriftTest.Anchor");
    TServer server = flags.GetValueOrDefault("server-type", "threadpool") == "simple"
        ? new TSimpleAsyncServer(processorFactory, endpoint, layer, layer, protocolFactory, protocolFactory, logger)
        : new TThreadPoolAsyncServer(processorFactory, endpoint, layer, layer, protocolFactory, protocolFactory,
            new TThreadPoolAsyncServer.Configuration(), logger);
    Console.WriteLine($"ApacheThrift {server.GetType().Name} listening on {port} ({protocol}, {(framed ? "framed" : "buffered")}{(ssl ? ", ssl" : "")})");
    await server.ServeAsync(CancellationToken.None);
    return 0;
}

if (mode == "client")
{
    var host = flags.GetValueOrDefault("host", "localhost");
    TTransport transport = ssl
        ? new TTlsSocketTransport(host, port, config, 20_000, null!,
            (_, certificate, _, errors) => errors == System.Net.Security.SslPolicyErrors.None || TrustedByKeys(certificate))
        : new TSocketTransport(host, port, config, 20_000);
    transport = framed ? new TFramedTransport(transport) : new TBufferedTransport(transport);
    // The socket transports of 0.25 connect in their constructor; the layered ones pass OpenAsync on to them.
    if (!transport.IsOpen)
    {
        await transport.OpenAsync();
    }
    TProtocol wire = baseProtocol switch
    {
        "compact" => new TCompactProtocol(transport),
        "json" => new TJsonProtocol(transport),
        _ => new TBinaryProtocol(transport),
    };
    var client = new ThriftTest.ThriftTest.Client(multiplexed ? new TMultiplexedProtocol(wire, "ThriftTest") : wire);
    var second = multiplexed ? new ThriftTest.SecondService.Client(new TMultiplexedProtocol(wire, "SecondService")) : null;
    var errors = 0;
    foreach (var (name, bit, run) in AnchorClientCases.All(client, second))
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
            if (ex is TTransportException or IOException)
            {
                // The connection is gone; every further case would fail the same way.
                errors |= AnchorClientCases.Unknown;
                break;
            }
        }
    }
    transport.Close();
    return errors;
}

return Usage("the first argument is server or client");

// The test's certificate is self-signed: trust exactly the one in --keys.
bool TrustedByKeys(X509Certificate? certificate)
{
    using var expected = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(keys, "server.crt"));
    return certificate is not null && certificate.GetCertHashString() == expected.GetCertHashString();
}

static int Usage(string why)
{
    Console.Error.WriteLine($"ThriftTest.Anchor: {why}");
    Console.Error.WriteLine("usage: ThriftTest.Anchor server|client [--host=H] --port=N [--protocol=binary|compact|json|multi] [--transport=buffered|framed] [--ssl --keys=DIR]");
    return 2;
}
