using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Steward.Cli.Tests;

/// <summary><c>steward smf</c> and <c>steward upf</c>: argument checks, and (as root) an SMF session against a UPF run in a namespace.</summary>
public sealed class N4CommandTests
{
    [Fact]
    public void Smf_session_without_its_required_options_fails_naming_them()
    {
        var (exit, _, stderr) = StewardCli.Run("smf", "session", "--local", "127.0.0.1");

        Assert.NotEqual(0, exit);
        Assert.Contains("--upf", stderr, StringComparison.Ordinal);
        Assert.Contains("--gnb-teid", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Smf_session_with_a_UE_address_that_is_not_one_exits_2_saying_so()
    {
        var (exit, _, stderr) = StewardCli.Run("smf", "session", "--upf", "127.0.0.1", "--local", "127.0.0.1:0", "--ue-ip", "ten.0.0.1",
            "--gnb", "127.0.0.5", "--gnb-teid", "1");

        Assert.Equal(2, exit);
        Assert.Contains("steward smf session:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Smf_session_against_no_UPF_exits_1_after_the_retransmissions()
    {
        var (exit, _, stderr) = StewardCli.Run("smf", "session", "--upf", "127.0.0.1:9", "--local", "127.0.0.1:0", "--ue-ip", "10.45.0.2",
            "--gnb", "127.0.0.5", "--gnb-teid", "0x10", "--t1-ms", "50", "--n1", "1");

        Assert.Equal(1, exit);
        Assert.Contains("AssociationSetupRequest", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Upf_run_with_a_bad_UE_pool_exits_2()
    {
        var (exit, _, stderr) = StewardCli.Run("upf", "run", "--pfcp", "127.0.0.1", "--n3", "127.0.0.1", "--n6", "upf0", "--ue-pool", "10.45.0.0/99");

        Assert.Equal(2, exit);
        Assert.Contains("steward upf run:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_SMF_session_is_established_queried_and_deleted_on_a_UPF_run_in_a_namespace()
    {
        if (Environment.UserName != "root")
        {
            Assert.Skip("needs root (CAP_NET_ADMIN)");
        }

        var ns = $"stw-cli-n4-{Guid.NewGuid().ToString("N")[..8]}";
        Ip("netns", "add", ns);
        try
        {
            Ip("-n", ns, "link", "set", "lo", "up");
            using var upf = Start(ns, "upf", "run", "--pfcp", "127.0.0.1", "--n3", "127.0.0.1", "--n6", "upf0", "--ue-pool", "10.45.0.0/16", "--no-ip-forward");
            // The SMF starts once the UPF listens: its first line says where.
            var upfStarted = await upf.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);
            Assert.StartsWith("upf: PFCP on 127.0.0.1:8805", upfStarted, StringComparison.Ordinal);
            var upfOutput = upf.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var smf = Start(ns, "smf", "session", "--upf", "127.0.0.1", "--local", "127.0.0.2", "--ue-ip", "10.45.0.2",
                "--gnb", "127.0.0.5", "--gnb-teid", "0x100", "--qfi", "5", "--mbr-ul", "10000", "--volume-threshold", "100000", "--t1-ms", "300");
            await smf.StandardInput.WriteLineAsync("query");
            smf.StandardInput.Close();
            var smfOutput = await smf.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var smfErrors = await smf.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await smf.WaitForExitAsync(TestContext.Current.CancellationToken);
            await TerminateAsync(upf);
            await upf.WaitForExitAsync(TestContext.Current.CancellationToken);
            var upfLog = await upfOutput;

            Assert.True(smf.ExitCode == 0, smfOutput + smfErrors + upfLog);
            var lines = smfOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
            Assert.Equal(["associated", "established", "usage", "deleted", "released"], lines.Select(l => (string)l["event"]!));
            var established = lines[1];
            Assert.NotEqual(0u, (uint)established["uplinkTeid"]!);
            Assert.Equal("127.0.0.1", (string)established["uplinkAddress"]!);
            Assert.Equal(5, (int)established["qfi"]!);
            Assert.Equal("TerminationReport", (string)lines[3]["usage"]![0]!["trigger"]!);
            Assert.Equal(0, upf.ExitCode);
            Assert.Contains("SessionEstablishmentRequest", upfLog, StringComparison.Ordinal);
            Assert.Contains($"seid=0x{((string)established["upfSeid"]!)[2..].PadLeft(16, '0')}", upfLog, StringComparison.Ordinal);
            Assert.Contains("upf: stopped", upfLog, StringComparison.Ordinal);
        }
        finally
        {
            Ip("netns", "del", ns);
        }
    }

    [Fact]
    public async Task An_SMF_session_stopped_by_SIGTERM_while_stdin_is_open_deletes_its_session_and_releases_the_association()
    {
        if (Environment.UserName != "root")
        {
            Assert.Skip("needs root (CAP_NET_ADMIN)");
        }

        var token = TestContext.Current.CancellationToken;
        var ns = $"stw-cli-n4-{Guid.NewGuid().ToString("N")[..8]}";
        Ip("netns", "add", ns);
        try
        {
            Ip("-n", ns, "link", "set", "lo", "up");
            using var upf = Start(ns, "upf", "run", "--pfcp", "127.0.0.1", "--n3", "127.0.0.1", "--n6", "upf0", "--no-ip-forward", "--quiet");
            Assert.StartsWith("upf: PFCP on", await upf.StandardOutput.ReadLineAsync(token), StringComparison.Ordinal);
            var upfOutput = upf.StandardOutput.ReadToEndAsync(token);
            using var smf = Start(ns, "smf", "session", "--upf", "127.0.0.1", "--local", "127.0.0.2", "--ue-ip", "10.45.0.3",
                "--gnb", "127.0.0.5", "--gnb-teid", "7", "--heartbeat", "0.2");
            var events = new List<string>();
            while (await smf.StandardOutput.ReadLineAsync(token) is { } line)
            {
                events.Add((string)JsonNode.Parse(line)!["event"]!);
                if (events[^1] == "established")
                {
                    await Task.Delay(500, token);
                    await TerminateAsync(smf);
                }
            }

            await smf.WaitForExitAsync(token);
            await TerminateAsync(upf);
            await upf.WaitForExitAsync(token);

            Assert.Equal(["associated", "established", "deleted", "released"], events);
            Assert.Equal(0, smf.ExitCode);
            Assert.Contains("deleted", await upfOutput, StringComparison.Ordinal);
        }
        finally
        {
            Ip("netns", "del", ns);
        }
    }

    [Fact]
    public async Task A_ping_crosses_a_UPF_run_by_the_commands_between_a_gnb_sim_and_a_DN_host()
    {
        if (Environment.UserName != "root")
        {
            Assert.Skip("needs root (CAP_NET_ADMIN)");
        }

        var token = TestContext.Current.CancellationToken;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (gnb, upfNs, dn) = ($"stw-cg-{suffix}", $"stw-cu-{suffix}", $"stw-cd-{suffix}");
        var started = new List<Process>();
        foreach (var ns in new[] { gnb, upfNs, dn })
        {
            Ip("netns", "add", ns);
            Ip("-n", ns, "link", "set", "lo", "up");
        }

        try
        {
            // gNB 192.168.71.1 — n3 — 192.168.71.2 UPF 192.168.72.1 — n6 — 192.168.72.2 DN; UEs in 10.71.0.0/16.
            Ip("-n", upfNs, "link", "add", "n3", "type", "veth", "peer", "name", "n3", "netns", gnb);
            Ip("-n", upfNs, "link", "add", "n6", "type", "veth", "peer", "name", "n6", "netns", dn);
            foreach (var (ns, dev, address) in new[] { (upfNs, "n3", "192.168.71.2/24"), (gnb, "n3", "192.168.71.1/24"), (upfNs, "n6", "192.168.72.1/24"), (dn, "n6", "192.168.72.2/24") })
            {
                Ip("-n", ns, "addr", "add", address, "dev", dev);
                Ip("-n", ns, "link", "set", dev, "up");
            }

            Ip("-n", dn, "route", "add", "10.71.0.0/16", "via", "192.168.72.1");
            var upf = Started(started, Start(upfNs, "upf", "run", "--pfcp", "127.0.0.1", "--n3", "192.168.71.2", "--n6", "n6tun", "--ue-pool", "10.71.0.0/16", "--quiet"));
            Assert.StartsWith("upf: PFCP on", await upf.StandardOutput.ReadLineAsync(token), StringComparison.Ordinal);
            var upfOutput = upf.StandardOutput.ReadToEndAsync(token);
            var smf = Started(started, Start(upfNs, "smf", "session", "--upf", "127.0.0.1", "--local", "127.0.0.2", "--ue-ip", "10.71.0.5",
                "--gnb", "192.168.71.1", "--gnb-teid", "0x77", "--qfi", "6", "--no-stdin"));
            JsonObject? established = null;
            while (established is null && await smf.StandardOutput.ReadLineAsync(token) is { } line)
            {
                var json = JsonNode.Parse(line)!.AsObject();
                established = (string)json["event"]! == "established" ? json : null;
            }

            Assert.NotNull(established);
            var sim = Started(started, Start(gnb, "upf", "gnb-sim", "--n3", "192.168.71.1", "--upf", "192.168.71.2", "--ue-ip", "10.71.0.5",
                "--uplink-teid", ((uint)established["uplinkTeid"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), "--downlink-teid", "0x77",
                "--qfi", "6", "--route", "192.168.72.0/24"));
            Assert.Contains("started", await sim.StandardOutput.ReadLineAsync(token), StringComparison.Ordinal);

            using var ping = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", gnb, "ping", "-c", "3", "-i", "0.2", "-W", "2", "-I", "10.71.0.5", "192.168.72.2"]) { RedirectStandardOutput = true })!;
            var pingOutput = await ping.StandardOutput.ReadToEndAsync(token);
            await ping.WaitForExitAsync(token);
            await TerminateAsync(sim);
            var stats = JsonNode.Parse((await sim.StandardOutput.ReadToEndAsync(token)).Trim())!;
            await TerminateAsync(smf);
            var smfRest = await smf.StandardOutput.ReadToEndAsync(token);
            await TerminateAsync(upf);
            await Task.WhenAll(sim.WaitForExitAsync(token), smf.WaitForExitAsync(token), upf.WaitForExitAsync(token));

            Assert.True(ping.ExitCode == 0, pingOutput + await upfOutput);
            Assert.True((long)stats["downlinkPackets"]! >= 3, stats.ToJsonString());
            Assert.Equal((0x77u, 6), ((uint)stats["lastDownlinkTeid"]!, (int)stats["lastDownlinkQfi"]!));
            var deleted = smfRest.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).Single(l => (string)l["event"]! == "deleted");
            // Three echo requests and three replies of 84 octets: the session's final usage.
            Assert.Equal((252ul, 252ul), ((ulong)deleted["usage"]![0]!["uplinkBytes"]!, (ulong)deleted["usage"]![0]!["downlinkBytes"]!));
            Assert.Equal((0, 0, 0), (sim.ExitCode, smf.ExitCode, upf.ExitCode));
        }
        finally
        {
            // A failed assertion must not leave a UPF, an SMF or a gNB running.
            foreach (var process in started)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }

            foreach (var ns in new[] { gnb, upfNs, dn })
            {
                Ip("netns", "del", ns);
            }
        }
    }

    private static Process Started(List<Process> started, Process process)
    {
        started.Add(process);
        return process;
    }

    private static async Task TerminateAsync(Process process)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    private static Process Start(string ns, params string[] args)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["netns", "exec", ns, "dotnet", Path.Combine(AppContext.BaseDirectory, "steward.dll"), .. args])
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private static void Ip(params string[] args)
    {
        using var process = Process.Start("ip", args);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
