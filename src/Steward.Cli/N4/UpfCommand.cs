using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Steward.Linux.Rtnetlink;
using Steward.Pfcp.Node;
using Steward.Upf.Hosting;
using Steward.Upf.Simulation;

namespace Steward.Cli.N4;

/// <summary>
/// <c>steward upf run</c>: a whole UPF in the current network namespace — PFCP on <c>--pfcp</c>,
/// GTP-U on <c>--n3</c>:2152, a TUN device <c>--n6</c> — logging each PFCP message and each session
/// event to stdout until SIGTERM/Ctrl-C. <c>steward upf gnb-sim</c>: a gNB test tool, a UE TUN device
/// whose packets it tunnels to the UPF and the UPF's downlink it delivers back.
/// Exit codes: 0 stopped by SIGTERM/SIGINT, 1 could not start (the reason on stderr), 2 bad arguments.
/// </summary>
internal static class UpfCommand
{
    public static Command Create() => new("upf", "The 5G user plane function (N4 PFCP, N3 GTP-U, N6 TUN).") { CreateRun(), CreateGnbSim() };

    private static Command CreateRun()
    {
        var pfcp = new Option<string>("--pfcp") { Description = "The PFCP address, ADDR[:PORT] (port 8805 by default)", Required = true };
        var n3 = new Option<string>("--n3") { Description = "The N3 address (GTP-U on UDP 2152; named in the F-TEIDs the UPF chooses)", Required = true };
        var n6 = new Option<string>("--n6") { Description = "The name of the TUN device to create for N6", Required = true };
        var nodeId = new Option<string?>("--node-id") { Description = "The UPF's Node ID (an address or an FQDN; the PFCP address by default)" };
        var uePool = new Option<string[]>("--ue-pool") { Description = "A prefix of UE addresses to route into the N6 device (repeatable)", AllowMultipleArgumentsPerToken = true };
        var t1 = new Option<int>("--t1-ms") { Description = "T1: milliseconds before a request is sent again", DefaultValueFactory = _ => 3000 };
        var n1 = new Option<int>("--n1") { Description = "N1: how many times a request is sent again", DefaultValueFactory = _ => 3 };
        var noForward = new Option<bool>("--no-ip-forward") { Description = "Leave net.ipv4.ip_forward as it is" };
        var quiet = new Option<bool>("--quiet") { Description = "Do not log each PFCP message" };
        var heartbeat = new Option<double>("--heartbeat") { Description = "Seconds between heartbeats to each associated SMF (0: only answer theirs)", DefaultValueFactory = _ => 0 };
        var run = new Command("run", "Run a UPF: answer PFCP and forward GTP-U between N3 and the N6 TUN device until a signal.")
        {
            pfcp, n3, n6, nodeId, uePool, t1, n1, noForward, quiet, heartbeat,
        };
        run.SetAction(async (parse, token) =>
        {
            UpfHostOptions options;
            try
            {
                var pfcpEndPoint = N4Arguments.ParseEndPoint(parse.GetValue(pfcp)!);
                var logMessages = !parse.GetValue(quiet);
                options = new UpfHostOptions
                {
                    Pfcp = pfcpEndPoint,
                    N3Address = IPAddress.Parse(parse.GetValue(n3)!),
                    N6Device = parse.GetValue(n6)!,
                    NodeId = parse.GetValue(nodeId) is { } id ? N4Arguments.ParseNodeId(id) : null,
                    UeRoutes = [.. (parse.GetValue(uePool) ?? []).Select(IPPrefix.Parse)],
                    EnableIpForwarding = !parse.GetValue(noForward),
                    HeartbeatInterval = parse.GetValue(heartbeat) is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : null,
                    Node = new PfcpNodeOptions
                    {
                        Endpoint = new PfcpEndpointOptions
                        {
                            T1 = TimeSpan.FromMilliseconds(parse.GetValue(t1)),
                            N1 = parse.GetValue(n1),
                            Trace = logMessages ? LogDelivery : null,
                        },
                        Log = logMessages ? LogMessage : null,
                    },
                    Log = line => Console.Out.WriteLine($"session: {line}"),
                };
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                await Console.Error.WriteLineAsync($"steward upf run: {e.Message}");
                return 2;
            }

            using var signal = new TerminationSignal(token);
            UpfHost host;
            try
            {
                host = UpfHost.Start(options);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"steward upf run: {e.Message}");
                return 1;
            }

            Console.Out.WriteLine($"upf: PFCP on {host.Control.Node.LocalEndPoint}, N3 on {options.N3Address}:2152, N6 on {options.N6Device}, node id {host.Control.Node.NodeId}, recovery time stamp {host.Control.Node.RecoveryTimeStamp}");
            await Task.Delay(Timeout.Infinite, signal.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            var counters = host.Forwarder.Counters;
            await host.DisposeAsync();
            Console.Out.WriteLine($"upf: stopped; {counters}");
            return 0;
        });
        return run;
    }

    private static void LogMessage(PfcpMessageDirection direction, IPEndPoint peer, Pfcp.Messages.PfcpMessage message)
    {
        var seid = message is Pfcp.Messages.PfcpSessionMessage session ? $" seid=0x{session.Seid:x16}" : "";
        var arrow = direction == PfcpMessageDirection.Received ? "<-" : "->";
        Console.Out.WriteLine($"pfcp {arrow} {peer} {message.MessageType} seq={message.SequenceNumber}{seid}");
    }

    // What the typed log cannot show: copies, retransmissions and datagrams that never became messages.
    private static void LogDelivery(PfcpTrace trace)
    {
        if (trace.Kind is PfcpTraceKind.Sent or PfcpTraceKind.Received)
        {
            return;
        }

        Console.Out.WriteLine($"pfcp {trace.Kind} {trace.Peer} type={(byte)trace.Header.MessageType} seq={trace.Header.SequenceNumber}");
    }

    private static Command CreateGnbSim()
    {
        var netns = new Option<string>("--netns") { Description = "The network namespace to run in (a path; the current one by default)", DefaultValueFactory = _ => "/proc/self/ns/net" };
        var n3 = new Option<string>("--n3") { Description = "The gNB's N3 address (GTP-U from UDP 2152)", Required = true };
        var upf = new Option<string>("--upf") { Description = "The UPF's N3 address, ADDR[:PORT] (port 2152 by default)", Required = true };
        var ueIp = new Option<string>("--ue-ip") { Description = "The UE's address, given to the UE device", Required = true };
        var uplinkTeid = new Option<string>("--uplink-teid") { Description = "The TEID of uplink G-PDUs (the one the UPF chose)", Required = true };
        var downlinkTeid = new Option<string>("--downlink-teid") { Description = "The TEID downlink G-PDUs must carry", Required = true };
        var qfi = new Option<byte>("--qfi") { Description = "The QFI of uplink G-PDUs", DefaultValueFactory = _ => 9 };
        var route = new Option<string[]>("--route") { Description = "A prefix routed through the UE device (repeatable), e.g. the data network", AllowMultipleArgumentsPerToken = true };
        var device = new Option<string>("--ue-dev") { Description = "The UE device's name", DefaultValueFactory = _ => "ue0" };
        var command = new Command("gnb-sim", "A gNB for tests: tunnel a UE device's packets to the UPF in GTP-U and deliver the downlink, until a signal; stdin takes 'uplink-teid N', 'downlink-teid N', 'stats'.")
        {
            netns, n3, upf, ueIp, uplinkTeid, downlinkTeid, qfi, route, device,
        };
        command.SetAction(async (parse, token) =>
        {
            GnbSimulatorOptions options;
            try
            {
                options = new GnbSimulatorOptions
                {
                    NamespacePath = parse.GetValue(netns)!,
                    N3Address = IPAddress.Parse(parse.GetValue(n3)!),
                    UpfN3 = N4Arguments.ParseEndPoint(parse.GetValue(upf)!, 2152),
                    UeAddress = IPAddress.Parse(parse.GetValue(ueIp)!),
                    RoutesViaUe = [.. (parse.GetValue(route) ?? []).Select(IPPrefix.Parse)],
                    UeDevice = parse.GetValue(device)!,
                    UplinkTeid = N4Arguments.ParseTeid(parse.GetValue(uplinkTeid)!),
                    DownlinkTeid = N4Arguments.ParseTeid(parse.GetValue(downlinkTeid)!),
                    Qfi = parse.GetValue(qfi),
                };
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            {
                await Console.Error.WriteLineAsync($"steward upf gnb-sim: {e.Message}");
                return 2;
            }

            using var signal = new TerminationSignal(token);
            GnbSimulator simulator;
            try
            {
                simulator = GnbSimulator.Start(options);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"steward upf gnb-sim: {e.Message}");
                return 1;
            }

            using (simulator)
            {
                Console.Out.WriteLine(new JsonObject { ["event"] = "started", ["ueDevice"] = simulator.UeDevice, ["ueIp"] = options.UeAddress.ToString() }.ToJsonString());
                // Console.In reads synchronously, even through ReadLineAsync: on a thread of its own.
                _ = Task.Run(() => ReadSimulatorCommandsAsync(simulator, signal.Token), CancellationToken.None);
                await Task.Delay(Timeout.Infinite, signal.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                Console.Out.WriteLine(Stats(simulator).ToJsonString());
            }

            return 0;
        });
        return command;
    }

    // stdin ending (a gNB run in the background) does not stop the simulator: only a signal does.
    private static async Task ReadSimulatorCommandsAsync(GnbSimulator simulator, CancellationToken token)
    {
        try
        {
            while (await Console.In.ReadLineAsync(token) is { } line)
            {
                var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                try
                {
                    switch (words)
                    {
                        case ["uplink-teid", var teid]:
                            simulator.UplinkTeid = N4Arguments.ParseTeid(teid);
                            break;
                        case ["downlink-teid", var teid]:
                            simulator.DownlinkTeid = N4Arguments.ParseTeid(teid);
                            break;
                        case ["qfi", var value]:
                            simulator.Qfi = byte.Parse(value, CultureInfo.InvariantCulture);
                            break;
                        case ["stats"]:
                            Console.Out.WriteLine(Stats(simulator).ToJsonString());
                            break;
                        case []:
                            break;
                        default:
                            Console.Out.WriteLine(new JsonObject { ["event"] = "error", ["reason"] = $"unknown command '{line}'" }.ToJsonString());
                            break;
                    }
                }
                catch (Exception e) when (e is FormatException or OverflowException)
                {
                    Console.Out.WriteLine(new JsonObject { ["event"] = "error", ["reason"] = e.Message }.ToJsonString());
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static JsonObject Stats(GnbSimulator simulator)
    {
        var stats = simulator.Stats;
        return new JsonObject
        {
            ["event"] = "stats",
            ["uplinkPackets"] = stats.UplinkPackets,
            ["downlinkPackets"] = stats.DownlinkPackets,
            ["downlinkBytes"] = stats.DownlinkBytes,
            ["downlinkWrongTeid"] = stats.DownlinkWrongTeid,
            ["lastDownlinkTeid"] = stats.LastDownlinkTeid,
            ["lastDownlinkQfi"] = stats.LastDownlinkQfi,
            ["echoResponses"] = stats.EchoResponses,
            ["errorIndications"] = stats.ErrorIndications,
            ["endMarkers"] = stats.EndMarkers,
            ["malformed"] = stats.Malformed,
        };
    }
}
