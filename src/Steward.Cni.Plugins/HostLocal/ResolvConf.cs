using Steward.Cni.Types;

namespace Steward.Cni.Plugins.HostLocal;

/// <summary>Reads nameserver/domain/search/options from a resolv.conf-format file into a result's DNS.</summary>
internal static class ResolvConf
{
    private const long MaxBytes = 1 << 20;

    public static CniDns Parse(string path)
    {
        string[] lines;
        try
        {
            if (new FileInfo(path).Length > MaxBytes)
            {
                throw new CniException(CniErrorCode.InvalidNetworkConfig, $"resolvConf {path} is too large");
            }
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CniException(CniErrorCode.IoFailure, $"cannot read resolvConf {path}", e.Message, e);
        }
        var dns = new CniDns();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2)
            {
                continue;
            }
            switch (fields[0])
            {
                case "nameserver":
                    (dns.Nameservers ??= []).Add(fields[1]);
                    break;
                case "domain":
                    dns.Domain = fields[1];
                    break;
                case "search":
                    (dns.Search ??= []).AddRange(fields[1..]);
                    break;
                case "options":
                    (dns.Options ??= []).AddRange(fields[1..]);
                    break;
            }
        }
        return dns;
    }
}
