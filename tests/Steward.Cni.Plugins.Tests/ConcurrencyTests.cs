using System.Text.RegularExpressions;

namespace Steward.Cni.Plugins.Tests;

/// <summary>Separate plugin processes allocating from one store at once: the flock must serialize them.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("steward-hl-conc-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public void Fifty_concurrent_adds_get_fifty_distinct_addresses_and_fifty_dels_return_them_all()
    {
        var config = $$$"""{"cniVersion":"1.0.0","name":"conc","type":"bridge","ipam":{"type":"host-local","subnet":"10.50.0.0/24","dataDir":"{{{_data}}}"}}""";
        var host = Plugins.Steward("host-local");
        var ids = Enumerable.Range(0, 50).Select(i => $"ctr{i}").ToArray();

        var adds = RunAll(ids, id => Plugins.Exec(host, "ADD", config, containerId: id));
        Assert.All(adds, r => Assert.True(r.Exit == 0, r.Stdout));
        var addresses = adds.Select(r => r.Json["ips"]![0]!["address"]!.GetValue<string>()).ToList();
        Assert.Equal(50, addresses.Distinct().Count());

        var store = Path.Combine(_data, "conc");
        var files = Directory.GetFiles(store).Select(Path.GetFileName).Where(n => Regex.IsMatch(n!, @"^\d+\.\d+\.\d+\.\d+$")).ToList();
        Assert.Equal(50, files.Count);
        // Each file names exactly the container whose result carried that address.
        for (var i = 0; i < ids.Length; i++)
        {
            Assert.Equal($"{ids[i]}\r\neth0", File.ReadAllText(Path.Combine(store, addresses[i].Split('/')[0])));
        }

        var dels = RunAll(ids, id => Plugins.Exec(host, "DEL", config, containerId: id));
        Assert.All(dels, r => Assert.True(r.Exit == 0, r.Stdout));
        Assert.DoesNotContain(Directory.GetFiles(store), f => Regex.IsMatch(Path.GetFileName(f), @"^\d+\.\d+\.\d+\.\d+$"));
    }

    private static PluginRun[] RunAll(string[] ids, Func<string, PluginRun> run)
    {
        // All processes are started together; a barrier keeps the thread pool from serializing them.
        using var barrier = new Barrier(ids.Length);
        var threads = new Thread[ids.Length];
        var results = new PluginRun[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            var index = i;
            threads[i] = new Thread(() =>
            {
                barrier.SignalAndWait();
                results[index] = run(ids[index]);
            });
            threads[i].Start();
        }
        foreach (var t in threads)
        {
            t.Join();
        }
        return results;
    }
}
