using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Steward.Linux;

namespace Steward.Cni.Plugins.HostLocal;

/// <summary>
/// The reference host-local store, file for file, so both implementations can share one directory:
/// <c>&lt;dataDir&gt;/&lt;network&gt;/&lt;ip&gt;</c> holding <c>&lt;containerid&gt;\r\n&lt;ifname&gt;</c>,
/// <c>last_reserved_ip.&lt;range set index&gt;</c> holding the last address handed out, and a
/// <c>lock</c> file on which every allocation holds flock(LOCK_EX), as go-filemutex does.
/// </summary>
internal sealed partial class DiskStore : IDisposable
{
    public const string DefaultDataDir = "/var/lib/cni/networks";
    private const string LastIpPrefix = "last_reserved_ip.";
    private const string LineBreak = "\r\n";
    /// <summary>Store files are tiny; anything larger is not ours and is skipped unread.</summary>
    private const long MaxEntryBytes = 4096;

    private readonly SafeFileHandle _lock;

    public DiskStore(string network, string? dataDir)
    {
        Directory = Path.Combine(string.IsNullOrEmpty(dataDir) ? DefaultDataDir : dataDir, network);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            // The runtime's own advisory locking is off (see the project file): this handle must be a
            // plain descriptor so the flock below is the only lock, exactly as the Go plugin takes it.
            _lock = File.OpenHandle(Path.Combine(Directory, "lock"), FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CniException(CniErrorCode.IoFailure, $"host-local: cannot open store {Directory}", e.Message, e);
        }
    }

    public string Directory { get; }

    /// <summary>Holds the store's exclusive lock until disposed; blocks while another process holds it.</summary>
    public IDisposable Lock()
    {
        while (Flock(_lock, LockEx) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
            {
                throw new CniException(CniErrorCode.IoFailure, "host-local: cannot lock store", $"flock: errno {errno}");
            }
        }
        return new Unlocker(_lock);
    }

    /// <summary>Creates the file for <paramref name="ip"/> if no one holds it; false when taken.</summary>
    public bool Reserve(string id, string ifName, IpAddr ip, int rangeSetIndex)
    {
        var path = Path.Combine(Directory, ip.ToString());
        try
        {
            using (var f = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.ReadWrite,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            {
                try
                {
                    f.Write(Encoding.UTF8.GetBytes(id.Trim() + LineBreak + ifName));
                }
                catch (IOException)
                {
                    f.Dispose();
                    File.Delete(path);
                    throw;
                }
            }
            WriteFile(Path.Combine(Directory, LastIpPrefix + rangeSetIndex), ip.ToString());
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CniException(CniErrorCode.IoFailure, $"host-local: cannot reserve {ip}", e.Message, e);
        }
    }

    public IpAddr? LastReserved(int rangeSetIndex)
    {
        var text = ReadEntry(Path.Combine(Directory, LastIpPrefix + rangeSetIndex));
        return text is not null && IpAddr.TryParse(text.Trim(), out var ip) ? ip : null;
    }

    /// <summary>Every address entry: the IP and its owner (id, ifname; ifname empty in the old format).</summary>
    public IEnumerable<(IpAddr Ip, string Id, string IfName, string Path)> Entries()
    {
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory))
        {
            if (!IpAddr.TryParse(Path.GetFileName(path), out var ip))
            {
                continue;
            }
            var content = ReadEntry(path);
            if (content is null)
            {
                continue;
            }
            var trimmed = content.Trim();
            var split = trimmed.IndexOf(LineBreak, StringComparison.Ordinal);
            yield return split < 0
                ? (ip, trimmed, "", path)
                : (ip, trimmed[..split], trimmed[(split + LineBreak.Length)..], path);
        }
    }

    /// <summary>Addresses held by the attachment; entries in the old id-only format match on id.</summary>
    public List<IpAddr> GetById(string id, string ifName) =>
        Entries().Where(e => Matches(e, id.Trim(), ifName)).Select(e => e.Ip).ToList();

    /// <summary>Releases what the attachment holds. As in the reference, the id-only form is tried
    /// only when nothing matched id + ifname.</summary>
    public int ReleaseById(string id, string ifName)
    {
        var exact = Entries().Where(e => e.Id == id.Trim() && e.IfName == ifName).ToList();
        var victims = exact.Count > 0 ? exact : Entries().Where(e => e.Id == id.Trim() && e.IfName.Length == 0).ToList();
        foreach (var e in victims)
        {
            Delete(e.Path);
        }
        return victims.Count;
    }

    public void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CniException(CniErrorCode.IoFailure, $"host-local: cannot release {Path.GetFileName(path)}", e.Message, e);
        }
    }

    public void Dispose() => _lock.Dispose();

    private static bool Matches((IpAddr Ip, string Id, string IfName, string Path) e, string id, string ifName) =>
        e.Id == id && (e.IfName == ifName || e.IfName.Length == 0);

    private static string? ReadEntry(string path)
    {
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (f.Length > MaxEntryBytes)
            {
                return null;
            }
            var buffer = new byte[f.Length];
            f.ReadExactly(buffer);
            return Encoding.UTF8.GetString(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void WriteFile(string path, string content)
    {
        using var f = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.ReadWrite,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        f.Write(Encoding.UTF8.GetBytes(content));
    }

    private const int LockEx = 2;
    private const int LockUn = 8;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(SafeFileHandle fd, int operation);

    private sealed class Unlocker(SafeFileHandle handle) : IDisposable
    {
        public void Dispose() => _ = Flock(handle, LockUn);
    }
}
