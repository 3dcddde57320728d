using System.CommandLine;
using System.Net;
using System.Text.Json.Nodes;
using Steward.Pfcp.Node;
using Steward.Pfcp.Smf;

namespace Steward.Cli.N4;

/// <summary>
/// <c>steward smf session</c>: an SMF's N4 side for one PDU session. Associates with the UPF,
/// establishes the session, prints one JSON line with the SEIDs and the uplink TEID the UPF chose,
/// then stays up — heartbeats, one JSON line per Session Report — reading commands from stdin
/// (<c>query</c>, <c>handover ADDR TEID</c>) until stdin ends or SIGTERM/Ctrl-C; then deletes the
/// session, prints the final usage and releases the association. Exit codes: 0 done, 1 the UPF
/// refused or did not answer (the reason on stderr), 2 bad arguments.
/// </summary>
internal static class SmfCommand
{
    public static Command Create()
    {
        var upf = new Option<string>("--upf") { Description = "The UPF's PFCP address, ADDR[:PORT] (port 8805 by default)", Required = true };
        var local = new Option<string>("--local") { Description = "The SMF's PFCP address, ADDR[:PORT] (port 8805 by default; :0 for any)", Required = true };
        var ueIp = new Option<string>("--ue-ip") { Description = "The UE's address", Required = true };
        var gnb = new Option<string>("--gnb") { Description = "The gNB's N3 address (downlink GTP-U goes there)", Required = true };
        var gnbTeid = new Option<string>("--gnb-teid") { Description = "The gNB's downlink TEID (decimal or 0x hex)", Required = true };
        var qfi = new Option<byte>("--qfi") { Description = "The QoS flow id", DefaultValueFactory = _ => 9 };
        var mbrUl = new Option<ulong?>("--mbr-ul") { Description = "Uplink MBR, kbit/s" };
        var mbrDl = new Option<ulong?>("--mbr-dl") { Description = "Downlink MBR, kbit/s" };
        var threshold = new Option<ulong?>("--volume-threshold") { Description = "Octets after which the UPF reports usage" };
        var nodeId = new Option<string?>("--node-id") { Description = "The SMF's Node ID (an address or an FQDN; the local address by default)" };
        var heartbeat = new Option<double>("--heartbeat") { Description = "Seconds between heartbeats (0: none)", DefaultValueFactory = _ => 10 };
        var t1 = new Option<int>("--t1-ms") { Description = "T1: milliseconds before a request is sent again", DefaultValueFactory = _ => 3000 };
        var n1 = new Option<int>("--n1") { Description = "N1: how many times a request is sent again", DefaultValueFactory = _ => 3 };
        var noStdin = new Option<bool>("--no-stdin") { Description = "Ignore stdin: run until SIGTERM/Ctrl-C" };

        var session = new Command("session", "Associate with a UPF, establish one PDU session, print JSON lines until stdin ends or a signal, then delete it.")
        {
            upf, local, ueIp, gnb, gnbTeid, qfi, mbrUl, mbrDl, threshold, nodeId, heartbeat, t1, n1, noStdin,
        };
        session.SetAction(async (parse, token) =>
        {
            SessionArguments arguments;
            try
            {
                var localEndPoint = N4Arguments.ParseEndPoint(parse.GetValue(local)!);
                arguments = new SessionArguments(
                    N4Arguments.ParseEndPoint(parse.GetValue(upf)!),
                    localEndPoint,
                    N4Arguments.ParseNodeId(parse.GetValue(nodeId) ?? localEndPoint.Address.ToString()),
                    new PduSessionRequest
                    {
                        UeAddress = IPAddress.Parse(parse.GetValue(ueIp)!),
                        GnbAddress = IPAddress.Parse(parse.GetValue(gnb)!),
                        GnbTeid = N4Arguments.ParseTeid(parse.GetValue(gnbTeid)!),
                        Qfi = parse.GetValue(qfi),
                        UplinkMbrKbps = parse.GetValue(mbrUl),
                        DownlinkMbrKbps = parse.GetValue(mbrDl),
                        VolumeThresholdBytes = parse.GetValue(threshold),
                    },
                    new SmfN4Options
                    {
                        HeartbeatInterval = parse.GetValue(heartbeat) is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : null,
                        Node = new PfcpNodeOptions { Endpoint = new PfcpEndpointOptions { T1 = TimeSpan.FromMilliseconds(parse.GetValue(t1)), N1 = parse.GetValue(n1) } },
                    },
                    !parse.GetValue(noStdin));
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            {
                await Console.Error.WriteLineAsync($"steward smf session: {e.Message}");
                return 2;
            }

            using var signal = new TerminationSignal(token);
            return await RunSessionAsync(arguments, signal.Token);
        });

        return new Command("smf", "The SMF's side of N4 (PFCP, 3GPP TS 29.244).") { session };
    }

    private sealed record SessionArguments(IPEndPoint Upf, IPEndPoint Local, Pfcp.Ies.NodeId NodeId, PduSessionRequest Request, SmfN4Options Options, bool ReadStdin);

    private static async Task<int> RunSessionAsync(SessionArguments arguments, CancellationToken token)
    {
        SmfN4Client? client = null;
        SmfSession? session = null;
        try
        {
            client = await SmfN4Client.AssociateAsync(arguments.Local, arguments.Upf, arguments.NodeId, arguments.Options, token);
            Print(N4Json.Event("associated",
                ("upf", arguments.Upf.ToString()),
                ("upfNodeId", client.UpfNodeId?.ToString()),
                ("upfRecoveryTimeStamp", client.Upf.RecoveryTimeStamp?.ToString("u")),
                ("upfFeatures", client.UpfFeatures.ToString())));
            client.UpfRestarted += (old, now) => Print(N4Json.Event("upf-restarted", ("old", old.ToString("u")), ("new", now.ToString("u"))));
            client.Upf.Unreachable += e => Print(N4Json.Event("upf-unreachable", ("reason", e.Message)));
            client.Upf.Recovered += () => Print(N4Json.Event("upf-reachable"));

            session = await client.EstablishSessionAsync(arguments.Request, token);
            Print(N4Json.Established(session));

            _ = PrintReportsAsync(client, token);
            // Console.In reads synchronously, even through ReadLineAsync, and no cancellation stops a
            // read: the commands are read on a thread of their own and a signal ends the wait instead.
            var signalled = Task.Delay(Timeout.Infinite, token).ContinueWith(_ => { }, TaskScheduler.Default);
            await (arguments.ReadStdin ? Task.WhenAny(Task.Run(() => ReadCommandsAsync(session, token), CancellationToken.None), signalled) : signalled);

            return await EndAsync(client, session);
        }
        catch (Exception e) when (e is PfcpRequestRejectedException or TimeoutException or PfcpProtocolException)
        {
            await Console.Error.WriteLineAsync($"steward smf session: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return client is not null && session is not null ? await EndAsync(client, session) : 1;
        }
        finally
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
        }
    }

    // After a signal the deletion and the release get a short budget: a UPF that does not answer
    // in that time is not waited for through every retransmission.
    private static async Task<int> EndAsync(SmfN4Client client, SmfSession session)
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromMilliseconds(1500));
        try
        {
            if (!session.IsDeleted)
            {
                var usage = await session.DeleteAsync(budget.Token);
                Print(N4Json.Event("deleted", ("smfSeid", N4Json.Hex(session.LocalSeid)), ("usage", N4Json.Usage(usage))));
            }

            await client.ReleaseAsync(budget.Token);
            Print(N4Json.Event("released"));
            return 0;
        }
        catch (Exception e) when (e is PfcpRequestRejectedException or TimeoutException or PfcpProtocolException or OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"steward smf session: ending: {e.Message}");
            return 1;
        }
    }

    private static async Task PrintReportsAsync(SmfN4Client client, CancellationToken token)
    {
        try
        {
            await foreach (var report in client.Reports.ReadAllAsync(token))
            {
                Print(N4Json.Report(report));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task ReadCommandsAsync(SmfSession session, CancellationToken token)
    {
        while (await Console.In.ReadLineAsync(token) is { } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            try
            {
                switch (words)
                {
                    case []:
                        break;
                    case ["query"]:
                        Print(N4Json.Event("usage", ("smfSeid", N4Json.Hex(session.LocalSeid)), ("usage", N4Json.Usage(await session.QueryUsageAsync(token)))));
                        break;
                    case ["handover", var address, var teid]:
                        await session.ModifyDownlinkAsync(IPAddress.Parse(address), N4Arguments.ParseTeid(teid), token);
                        Print(N4Json.Event("modified", ("gnb", address), ("gnbTeid", session.DownlinkTunnel.Teid)));
                        break;
                    case ["quit"] or ["delete"]:
                        return;
                    default:
                        Print(N4Json.Event("error", ("reason", $"unknown command '{line}' (query | handover ADDR TEID | quit)")));
                        break;
                }
            }
            catch (Exception e) when (e is PfcpRequestRejectedException or TimeoutException or PfcpProtocolException or FormatException or OverflowException)
            {
                Print(N4Json.Event("error", ("reason", e.Message)));
            }
        }
    }

    private static void Print(JsonObject line) => Console.Out.WriteLine(line.ToJsonString());
}
