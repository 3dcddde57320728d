using Steward.Cni.Skel;
using Steward.Cni.Types;

namespace Steward.Cni.Invoke;

/// <summary>
/// IPAM delegation from inside a plugin: exec the plugin named by <c>ipam.type</c>, found in
/// CNI_PATH, with the caller's environment (CNI_COMMAND replaced) and the same config on stdin.
/// </summary>
public static class Ipam
{
    /// <summary>Runs the IPAM plugin's ADD and returns its result in the current version.</summary>
    public static CniResult ExecAdd(CniRequest request) => PluginExec.RunForResult(Find(request), Env(request, "ADD"), request.StdinData);

    /// <summary>Runs the IPAM plugin's DEL.</summary>
    public static void ExecDel(CniRequest request) => PluginExec.Run(Find(request), Env(request, "DEL"), request.StdinData);

    /// <summary>Runs the IPAM plugin's CHECK.</summary>
    public static void ExecCheck(CniRequest request) => PluginExec.Run(Find(request), Env(request, "CHECK"), request.StdinData);

    /// <summary>Runs the IPAM plugin's STATUS.</summary>
    public static void ExecStatus(CniRequest request) => PluginExec.Run(Find(request), Env(request, "STATUS"), request.StdinData);

    /// <summary>Runs the IPAM plugin's GC.</summary>
    public static void ExecGc(CniRequest request) => PluginExec.Run(Find(request), Env(request, "GC"), request.StdinData);

    /// <summary>
    /// ADD through IPAM, returning a lease that runs the IPAM DEL when disposed unless
    /// <see cref="IpamLease.Commit"/> was called — the roll-back a plugin needs when a later step fails.
    /// </summary>
    public static IpamLease Acquire(CniRequest request) => new(request, ExecAdd(request));

    private static string Find(CniRequest request)
    {
        var type = request.Config.IpamType;
        if (string.IsNullOrEmpty(type))
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, "IPAM config missing 'type' key");
        }
        return PluginExec.FindInPath(type, request.Path);
    }

    private static Dictionary<string, string> Env(CniRequest request, string command)
    {
        var env = new Dictionary<string, string>(request.Environment, StringComparer.Ordinal) { ["CNI_COMMAND"] = command };
        return env;
    }
}

/// <summary>An IPAM allocation that is released again on dispose unless it was committed.</summary>
public sealed class IpamLease : IDisposable
{
    private readonly CniRequest _request;
    private bool _done;

    internal IpamLease(CniRequest request, CniResult result)
    {
        _request = request;
        Result = result;
    }

    /// <summary>The IPAM plugin's result in the current version.</summary>
    public CniResult Result { get; }

    /// <summary>Keeps the allocation: disposing no longer runs the IPAM DEL.</summary>
    public void Commit() => _done = true;

    /// <summary>Runs the IPAM DEL unless <see cref="Commit"/> was called; a failing DEL is not rethrown.</summary>
    public void Dispose()
    {
        if (_done)
        {
            return;
        }
        _done = true;
        try
        {
            Ipam.ExecDel(_request);
        }
        catch (CniException)
        {
            // The original failure is what the caller reports; a failed roll-back must not mask it.
        }
    }
}
