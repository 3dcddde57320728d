using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steward.Hosting.Linux;
using Steward.Rpc;
using Steward.Rpc.Ice;
using IceTest.Server;

// Steward's server for the Ice interop matrix: testassets/ice/StewardTest.ice's Operations under the identity
// "test" on tcp -h 127.0.0.1 -p N.
//   --port=N           (required)
//   --linux-transport  (Kestrel on Steward's epoll transport instead of sockets)
// Prints "ready" once it listens; stops on Ctrl+C / SIGTERM, closing connections with CloseConnection.
int? port = null;
var linux = false;
foreach (var arg in args)
{
    if (arg.StartsWith("--port=", StringComparison.Ordinal)
        && int.TryParse(arg["--port=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536)
    {
        port = p;
    }
    else if (arg == "--linux-transport")
    {
        linux = true;
    }
    else
    {
        Console.Error.WriteLine($"IceTest.Server: unknown argument '{arg}' (usage: --port=N [--linux-transport])");
        return 2;
    }
}
if (port is null)
{
    Console.Error.WriteLine("IceTest.Server: --port=N is required");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
if (linux)
{
    builder.WebHost.UseStewardLinuxTransport();
}
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port.Value, listen => listen.UseStewardIce(adapter =>
{
    adapter.Name = "IceTest";
    // The peers raise Ice.MessageSizeMax to 100 MB for the "any length" cases; so does this server.
    adapter.Limits = IceLimits.Default with { MaxMessageSize = 100 * 1024 * 1024 };
    adapter.Add("test", "Test.Operations");
})));
// Inline dispatch: one request at a time, in the order received, as an Ice server with its default one-thread
// pool (the peers check that a oneway or batched setValue is seen by the getValue after it).
builder.Services.AddStewardIce(o => o.Dispatch = DispatchMode.Inline).AddService<OperationsService>();
var app = builder.Build();
await app.StartAsync();
Console.WriteLine("ready");
await app.WaitForShutdownAsync();
return 0;
