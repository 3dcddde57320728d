using System.Diagnostics;
using System.Text.Json;
using Steward.Linux.Namespaces;
using Steward.Linux.Rtnetlink;

namespace Steward.Linux.Tests;

/// <summary>A fresh network namespace per test, with rtnetlink opened inside it; removed on dispose (with every link in it).</summary>
public sealed class TestNamespace : IDisposable
{
    private TestNamespace(string name)
    {
        Name = name;
        Path = NetworkNamespace.Create(name);
        Netlink = NetworkNamespace.OpenRtNetlink(Path);
    }

    public string Name { get; }
    public string Path { get; }
    public RtNetlink Netlink { get; }

    /// <summary>Skips the test unless it runs as root.</summary>
    public static TestNamespace Create()
    {
        RequireRoot();
        return new TestNamespace($"stw-lt-{Guid.NewGuid().ToString("N")[..10]}");
    }

    public static void RequireRoot()
    {
        if (Environment.UserName != "root" && !IsRootUid())
        {
            Assert.Skip("needs root (CAP_NET_ADMIN)");
        }
    }

    private static bool IsRootUid()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                return line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0";
            }
        }

        return false;
    }

    /// <summary>Runs `ip -n NAME -j ARGS` (iproute2 is the reference) and parses its JSON.</summary>
    public JsonElement Ip(params string[] args) => JsonDocument.Parse(Run("ip", ["-n", Name, "-j", .. args])).RootElement.Clone();

    public static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {stderr}");
        }

        return stdout;
    }

    /// <summary>
    /// Whether iproute2 (the reference) can create this link in the namespace — the oracle for
    /// optional kernel features (dummy driver, bridge VLAN filtering); the probe link is removed again.
    /// </summary>
    public bool IpCanCreate(string name, params string[] typeArgs)
    {
        try
        {
            Run("ip", ["-n", Name, "link", "add", name, .. typeArgs]);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        Run("ip", "-n", Name, "link", "del", name);
        return true;
    }

    /// <summary>A veth pair with both ends up, so it has carrier: the plain link most tests need.</summary>
    public Link UpLink(string name)
    {
        Netlink.CreateLink(new VethSpec(name, name + "p") { Up = true });
        Netlink.SetUp(Netlink.GetLink(name + "p").Index);
        return Netlink.GetLink(name);
    }

    public void Dispose()
    {
        Netlink.Dispose();
        NetworkNamespace.Delete(Name);
    }
}
