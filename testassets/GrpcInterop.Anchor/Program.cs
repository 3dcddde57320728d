using System.Net;
using Grpc.Net.Client;
using GrpcInterop.Anchor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// anchor server --port=N            Grpc.AspNetCore TestService
// anchor client --server_host=H --server_port=N --test_case=NAME   Grpc.Net.Client interop cases
var flags = args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal))
    .ToDictionary(a => a[2..a.IndexOf('=', StringComparison.Ordinal)], a => a[(a.IndexOf('=', StringComparison.Ordinal) + 1)..]);
if (args.FirstOrDefault() == "server")
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, int.Parse(flags["port"], System.Globalization.CultureInfo.InvariantCulture), l => l.Protocols = HttpProtocols.Http2));
    builder.Services.AddGrpc(o => o.ResponseCompressionAlgorithm = "gzip");
    var app = builder.Build();
    app.MapGrpcService<AnchorTestService>();
    await app.StartAsync();
    Console.WriteLine("Grpc.AspNetCore interop server listening on " + flags["port"]);
    await app.WaitForShutdownAsync();
    return 0;
}
if (args.FirstOrDefault() == "client")
{
    using var channel = GrpcChannel.ForAddress($"http://{flags.GetValueOrDefault("server_host", "localhost")}:{flags["server_port"]}");
    var failures = 0;
    foreach (var testCase in flags.GetValueOrDefault("test_case", "").Split(',', StringSplitOptions.RemoveEmptyEntries))
    {
        try
        {
            await new AnchorClientCases(channel).RunAsync(testCase);
            Console.WriteLine(testCase + ": passed");
        }
        catch (Exception ex)
        {
            failures++;
            Console.WriteLine($"{testCase}: FAILED: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}");
        }
    }
    return failures == 0 ? 0 : 1;
}
Console.Error.WriteLine("usage: anchor server --port=N | anchor client --server_port=N --test_case=NAME");
return 2;
