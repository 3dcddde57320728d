using Steward.Cni.Skel;
using Steward.Cni.Types;

namespace Steward.Cni.Plugins.HostLocal;

/// <summary>
/// IPAM from local ranges, sharing its on-disk store with the reference host-local plugin. Beyond
/// the reference: GC (frees addresses of attachments the runtime no longer lists) and STATUS.
/// </summary>
internal sealed class HostLocalPlugin : ICniPlugin
{
    public string About => "Steward host-local IPAM plugin";

    public CniResult Add(CniRequest request)
    {
        var config = IpamConfig.Load(request);
        var result = new CniResult { CniVersion = CniVersions.Current, Ips = [] };
        if (!string.IsNullOrEmpty(config.ResolvConf))
        {
            result.Dns = ResolvConf.Parse(config.ResolvConf);
        }
        using var store = new DiskStore(config.Name, config.DataDir);
        using (store.Lock())
        {
            var requested = config.RequestedIps.ToList();
            var reserved = new List<IpAddr>();
            try
            {
                for (var i = 0; i < config.RangeSets.Count; i++)
                {
                    var set = config.RangeSets[i];
                    IpAddr? want = null;
                    var match = requested.FindIndex(set.Contains);
                    if (match >= 0)
                    {
                        want = requested[match];
                        requested.RemoveAt(match);
                    }
                    (IpAddr Ip, IpRange Range) got;
                    try
                    {
                        got = new Allocator(store, set, i).Get(request.ContainerId, request.IfName, want);
                    }
                    catch (CniException e)
                    {
                        throw new CniException(e.Code, $"failed to allocate for range {i}: {e.Msg}", e.Details, e);
                    }
                    reserved.Add(got.Ip);
                    result.Ips.Add(new CniIpConfig { Address = $"{got.Ip}/{got.Range.Prefix}", Gateway = got.Range.Gateway.ToString() });
                }
                if (requested.Count > 0)
                {
                    throw new CniException(CniErrorCode.InvalidNetworkConfig,
                        "failed to allocate all requested IPs: " + string.Join(" ", requested));
                }
            }
            catch
            {
                // Nothing half-allocated stays behind; what the attachment held before this ADD stays.
                foreach (var ip in reserved)
                {
                    store.Delete(Path.Combine(store.Directory, ip.ToString()));
                }
                throw;
            }
        }
        if (config.Routes.Count > 0)
        {
            result.Routes = [.. config.Routes];
        }
        return result;
    }

    public void Del(CniRequest request)
    {
        var config = IpamConfig.Load(request);
        using var store = new DiskStore(config.Name, config.DataDir);
        using (store.Lock())
        {
            store.ReleaseById(request.ContainerId, request.IfName);
        }
    }

    public void Check(CniRequest request)
    {
        var config = IpamConfig.Load(request);
        using var store = new DiskStore(config.Name, config.DataDir);
        List<IpAddr> held;
        using (store.Lock())
        {
            held = store.GetById(request.ContainerId, request.IfName);
        }
        if (held.Count == 0)
        {
            throw new CniException(CniErrorCode.UnknownContainer, $"host-local: Failed to find address added by container {request.ContainerId}");
        }
        foreach (var ip in request.Config.PrevResult()?.Ips ?? [])
        {
            if (CniIpConfig.TryParseCidr(ip.Address, out var address, out _) && IpAddr.From(address) is var a
                && config.RangeSets.Any(s => s.Contains(a)) && !held.Contains(a))
            {
                throw new CniException(CniErrorCode.Internal, $"host-local: {a} in prevResult is not reserved by container {request.ContainerId}");
            }
        }
    }

    public void Status(CniRequest request)
    {
        var config = IpamConfig.Load(request);
        using var store = new DiskStore(config.Name, config.DataDir);
        using (store.Lock())
        {
            for (var i = 0; i < config.RangeSets.Count; i++)
            {
                if (!new Allocator(store, config.RangeSets[i], i).HasFree(1 << 16))
                {
                    throw new CniException(CniErrorCode.PluginNotAvailable, $"host-local: no free addresses in range set {config.RangeSets[i]}");
                }
            }
        }
    }

    public void Gc(CniRequest request)
    {
        var config = IpamConfig.Load(request);
        var valid = request.Config.ValidAttachments();
        var exact = valid.ToHashSet();
        var ids = valid.Select(a => a.ContainerId).ToHashSet(StringComparer.Ordinal);
        using var store = new DiskStore(config.Name, config.DataDir);
        using (store.Lock())
        {
            foreach (var entry in store.Entries().ToList())
            {
                var keep = entry.IfName.Length == 0 ? ids.Contains(entry.Id) : exact.Contains(new GcAttachment(entry.Id, entry.IfName));
                if (!keep)
                {
                    store.Delete(entry.Path);
                }
            }
        }
    }
}
