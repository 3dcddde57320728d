using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steward.Hosting.Linux;
using Steward.Rpc;
using Steward.Rpc.Thrift;
using ThriftTest;
using ThriftTest.Server;

// Steward's ThriftTest server for Apache Thrift's cross test, hosted on Kestrel:
//   --port=N | --domain-socket=PATH
//   --protocol=binary|compact|json|multi|multic|multij   (multi*: TMultiplexedProtocol, services "ThriftTest" and "SecondService")
//   --transport=buffered|framed
//   --ssl --keys=DIR   (DIR, or THRIFT_TEST_KEYS, holds server.crt and server.key in PEM)
//   --linux-transport  (Steward's own: Kestrel on the epoll transport, handlers on the I/O thread)
var flags = CrossTestFlags.Parse(args);
if (flags.Error is { } error)
{
    Console.Error.WriteLine($"ThriftTest.Server: {error}");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
if (flags.LinuxTransport)
{
    builder.WebHost.UseStewardLinuxTransport(o => o.ApplicationScheduling = ApplicationScheduling.IoThread);
}
builder.WebHost.ConfigureKestrel(kestrel =>
{
    void Configure(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen)
    {
        if (flags.Ssl)
        {
            listen.UseHttps(X509Certificate2.CreateFromPemFile(Path.Combine(flags.Keys, "server.crt"), Path.Combine(flags.Keys, "server.key")));
        }
        listen.UseStewardThrift(o =>
        {
            o.Protocol = flags.Protocol;
            o.Transport = flags.Transport;
            o.Multiplexed = flags.Multiplexed;
        });
    }

    if (flags.DomainSocket is { } path)
    {
        kestrel.ListenUnixSocket(path, Configure);
    }
    else
    {
        kestrel.Listen(IPAddress.IPv6Any, flags.Port, Configure);
    }
});
var steward = builder.Services.AddStewardThrift().AddService<ThriftTestService>();
if (flags.Multiplexed)
{
    steward.AddService<SecondServiceImpl>();
}
var app = builder.Build();
await app.StartAsync();
Console.WriteLine($"Steward ThriftTest server listening on {flags.DomainSocket ?? flags.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({flags.Describe()}{(flags.LinuxTransport ? ", Linux transport" : "")})");
await app.WaitForShutdownAsync();
return 0;
