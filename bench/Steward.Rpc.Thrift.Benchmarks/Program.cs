using System.Globalization;

// server --impl=steward|steward-linux|apache --port=N --protocol=binary|compact
// load   --port=N --protocol=binary|compact --conns=32 --seconds=10 --warmup=5 [--server-pid=P]   (the neutral load client)
// client --impl=steward|apache --port=N --protocol=... --conns=32 --seconds=10 --warmup=5
// frames --protocol=... --out=DIR   (writes request.bin and reply.bin for load/thrift-load.c)
var mode = args.FirstOrDefault() ?? "";
var flags = args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal))
    .ToDictionary(a => a[2..a.IndexOf('=', StringComparison.Ordinal)], a => a[(a.IndexOf('=', StringComparison.Ordinal) + 1)..]);
string Flag(string name, string fallback) => flags.GetValueOrDefault(name, fallback);
int IntFlag(string name, int fallback) => int.Parse(Flag(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var impl = Flag("impl", "steward");
var port = IntFlag("port", 9090);
var protocol = Flag("protocol", "binary");
switch (mode)
{
    case "server":
    {
        // Not disposed: ProcessExit may still cancel it after Main's last await.
        var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cts.Cancel();
        Console.WriteLine($"{impl} Thrift Greeter ({protocol}, framed) on port {port} (pid {Environment.ProcessId})");
        var serving = impl == "apache" ? ApacheSide.ServeAsync(port, protocol, cts.Token) : StewardSide.ServeAsync(port, protocol, impl == "steward-linux", cts.Token);
        try
        {
            await serving;
        }
        catch (OperationCanceledException)
        {
        }
    }
    return 0;
    case "load":
        return await LoadClient.RunAsync(port, protocol, IntFlag("conns", 32), IntFlag("seconds", 10), IntFlag("warmup", 5), IntFlag("server-pid", 0));
    case "frames":
    {
        var (request, reply) = WireCalls.Encode(protocol, "world", 1);
        var dir = Flag("out", ".");
        File.WriteAllBytes(Path.Combine(dir, "request.bin"), request);
        File.WriteAllBytes(Path.Combine(dir, "reply.bin"), reply);
    }
    return 0;
    case "client":
        return impl == "apache"
            ? await ApacheSide.ClientAsync(port, protocol, IntFlag("conns", 32), IntFlag("seconds", 10), IntFlag("warmup", 5))
            : await StewardSide.ClientAsync(port, protocol, IntFlag("conns", 32), IntFlag("seconds", 10), IntFlag("warmup", 5));
    default:
        Console.Error.WriteLine("usage: server --impl=steward|steward-linux|apache --port=N --protocol=binary|compact | load --port=N --protocol=... [--conns --seconds --warmup] | client --impl=... --port=N --protocol=... [--conns --seconds --warmup]");
        return 2;
}
