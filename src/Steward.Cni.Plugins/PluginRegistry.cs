using Steward.Cni.Skel;

namespace Steward.Cni.Plugins;

/// <summary>Maps an invoked name to its plugin.</summary>
internal static class PluginRegistry
{
    public static IReadOnlyList<string> Names { get; } = ["bridge", "host-local", "mock"];

    public static ICniPlugin? Create(string name) => name switch
    {
        "bridge" => new Bridge.BridgePlugin(),
        "host-local" => new HostLocal.HostLocalPlugin(),
        _ => null,
    };

    internal static int Run(string[] args)
    {
        var invoked = Path.GetFileName(InvokedName());
        var name = Names.Contains(invoked) ? invoked : args.Length > 0 ? args[0] : invoked;
        if (name == "mock")
        {
            return Mock.MockPlugin.RunProcess();
        }
        var plugin = Create(name);
        if (plugin is null)
        {
            Console.Error.WriteLine($"steward-cni: invoke as one of {string.Join(", ", Names)} (a link to this binary), or pass the plugin name as the first argument");
            return 2;
        }
        return CniPluginHost.Main(plugin);
    }

    /// <summary>argv[0] exactly as the runtime exec'd it; /proc/self/exe would resolve links to the real file.</summary>
    private static string InvokedName()
    {
        // Native AOT keeps the raw argv[0] as the first command-line argument (no file to open at
        // start-up); under the JIT that slot names the managed entry assembly instead.
        if (!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported)
        {
            return Environment.GetCommandLineArgs()[0];
        }
        try
        {
            var cmdline = File.ReadAllBytes("/proc/self/cmdline");
            var end = Array.IndexOf(cmdline, (byte)0);
            return System.Text.Encoding.UTF8.GetString(cmdline, 0, end < 0 ? cmdline.Length : end);
        }
        catch (IOException)
        {
            return Environment.GetCommandLineArgs()[0];
        }
        catch (UnauthorizedAccessException)
        {
            return Environment.GetCommandLineArgs()[0];
        }
    }
}
