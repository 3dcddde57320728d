using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steward.Hosting.Linux;
using Steward.Rpc;
using Steward.Rpc.Corba;
using Steward.Rpc.Corba.Naming;
using CorbaTest.Server;

// Steward's server for the CORBA interop matrix: testassets/corba/StewardTest.idl's Operations under the object key
// "StewardTest" on IIOP 127.0.0.1:N.
//   --port=N           (required)
//   --ior-file=F       writes the object's stringified IOR (one line)
//   --ns=URL           also binds it as StewardTest.Operations in that naming service (corbaloc:iiop:H:P/NameService)
//   --linux-transport  (Kestrel on Steward's epoll transport instead of sockets)
// Prints "ready" once it listens (and has written and bound its reference); stops on Ctrl+C / SIGTERM.
int? port = null;
string? iorFile = null;
string? nameService = null;
var linux = false;
foreach (var arg in args)
{
    if (arg.StartsWith("--port=", StringComparison.Ordinal)
        && int.TryParse(arg["--port=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536)
    {
        port = p;
    }
    else if (arg.StartsWith("--ior-file=", StringComparison.Ordinal) && arg.Length > "--ior-file=".Length)
    {
        iorFile = arg["--ior-file=".Length..];
    }
    else if (arg.StartsWith("--ns=", StringComparison.Ordinal) && arg.Length > "--ns=".Length)
    {
        nameService = arg["--ns=".Length..];
    }
    else if (arg == "--linux-transport")
    {
        linux = true;
    }
    else
    {
        Console.Error.WriteLine($"CorbaTest.Server: unknown argument '{arg}' (usage: --port=N [--ior-file=F] [--ns=corbaloc:iiop:H:P/NameService] [--linux-transport])");
        return 2;
    }
}
if (port is null)
{
    Console.Error.WriteLine("CorbaTest.Server: --port=N is required");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
if (linux)
{
    builder.WebHost.UseStewardLinuxTransport();
}
var self = new ServedObject();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port.Value, listen => listen.UseStewardCorba(adapter =>
{
    adapter.Name = "StewardTest";
    adapter.Add(ServedObject.Key, "Test.Operations");
    self.Adapter = adapter;
})));
builder.Services.AddSingleton(self);
builder.Services.AddStewardCorba().AddService<OperationsService>();
var app = builder.Build();
await app.StartAsync();
var reference = self.Reference;
if (iorFile != null)
{
    await File.WriteAllTextAsync(iorFile, self.Ior + "\n");
}
if (nameService != null)
{
    try
    {
        using var naming = NamingContextClient.Connect(nameService);
        await naming.RebindAsync(CosNames.Parse("StewardTest.Operations"), reference);
    }
    catch (Exception ex) when (ex is CorbaSystemException or CorbaUserException or RpcException)
    {
        Console.Error.WriteLine($"CorbaTest.Server: cannot bind StewardTest.Operations in {nameService}: {ex.Message}");
        await app.StopAsync();
        return 1;
    }
}
Console.WriteLine("ready");
await app.WaitForShutdownAsync();
return 0;
