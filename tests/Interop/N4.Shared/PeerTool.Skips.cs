namespace Steward.N4.Testing;

/// <summary>A missing peer or privilege turns into a skipped test that says what to install.</summary>
internal static partial class PeerTool
{
    /// <summary>Skips the test unless <paramref name="path"/> exists, naming the package that installs it.</summary>
    public static void RequireExecutable(string path, string debianPackage)
    {
        if (!File.Exists(path))
        {
            Assert.Skip($"{path} not found: Debian package {debianPackage}; scripts/setup installs it");
        }
    }

    /// <summary>Skips the test unless it runs as root (namespaces, veths, TUN, live capture).</summary>
    public static void RequireRoot()
    {
        if (!IsRoot)
        {
            Assert.Skip("needs root (CAP_NET_ADMIN)");
        }
    }
}
