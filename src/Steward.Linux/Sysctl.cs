namespace Steward.Linux;

/// <summary>
/// Kernel parameters under /proc/sys. Keys use dots ("net.ipv4.ip_forward") or slashes; the
/// net.* ones belong to the network namespace of the calling thread (see NetworkNamespace.Run).
/// </summary>
public static class Sysctl
{
    /// <summary>The /proc/sys file of <paramref name="key"/>; dots become slashes unless the key already uses slashes.</summary>
    public static string PathOf(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Contains("..", StringComparison.Ordinal) && key.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{key}' is not a sysctl key", nameof(key));
        }
        // With slashes the key is taken as is, which allows interface names that contain dots.
        var relative = key.Contains('/', StringComparison.Ordinal) ? key.TrimStart('/') : key.Replace('.', '/');
        return "/proc/sys/" + relative;
    }

    /// <summary>The value of <paramref name="key"/>, without the trailing newline.</summary>
    public static string Read(string key) => File.ReadAllText(PathOf(key)).TrimEnd('\n');

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>.</summary>
    public static void Write(string key, string value)
    {
        // /proc/sys files take one write; FileMode.Open because they cannot be created or truncated.
        using var stream = new FileStream(PathOf(key), FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
        var bytes = System.Text.Encoding.ASCII.GetBytes(value);
        stream.Write(bytes);
    }

    /// <summary>Writes only if the value differs, as the reference plugins do for ip_forward.</summary>
    public static bool Ensure(string key, string value)
    {
        if (Read(key) == value)
        {
            return false;
        }

        Write(key, value);
        return true;
    }
}
