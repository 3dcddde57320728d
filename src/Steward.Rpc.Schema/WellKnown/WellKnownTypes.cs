using System.Collections.Generic;
using System.IO;

namespace Steward.Rpc.Schema;

/// <summary>
/// The google/protobuf well-known types, shipped inside this assembly (embedded as
/// <c>wkt/google/protobuf/*.proto</c>) so no protoc include directory is needed.
/// </summary>
public static class WellKnownTypes
{
    private const string Prefix = "wkt/";
    private static readonly object Gate = new();
    private static Dictionary<string, string>? _files;

    /// <summary>Import paths of every shipped file, e.g. <c>google/protobuf/timestamp.proto</c>.</summary>
    public static IReadOnlyCollection<string> Paths => Files.Keys;

    /// <summary>The shipped text of the well-known file <paramref name="importPath"/> (<c>google/protobuf/empty.proto</c>); false for any other path.</summary>
    public static bool TryGet(string importPath, out string text) => Files.TryGetValue(importPath, out text!);

    private static Dictionary<string, string> Files
    {
        get
        {
            lock (Gate)
            {
                return _files ??= Load();
            }
        }
    }

    private static Dictionary<string, string> Load()
    {
        var assembly = typeof(WellKnownTypes).Assembly;
        var files = new Dictionary<string, string>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, System.StringComparison.Ordinal))
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(name);
            if (stream == null)
            {
                continue;
            }
            using var reader = new StreamReader(stream);
            files[name.Substring(Prefix.Length).Replace('\\', '/')] = reader.ReadToEnd();
        }
        return files;
    }
}
