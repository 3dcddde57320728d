using System;
using System.Collections.Generic;
using System.IO;

namespace Steward.Rpc.Schema;

/// <summary>
/// Reads .proto files from disk through import paths, like protoc's <c>-I</c>/<c>--proto_path</c>.
/// A root file named by a disk path is keyed relative to the first import path that contains it
/// (so <c>protos/a/b.proto</c> with <c>-I protos</c> is <c>a/b.proto</c>, the name other files import
/// it by). With no import paths — or none containing it — the root file's own directory serves as one.
/// </summary>
public sealed class DirectoryFileSource : IFileSource
{
    /// <summary>Larger than any real schema; keeps a stray multi-gigabyte file from being read whole.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    private readonly List<string> _importPaths = new();

    /// <summary>A source reading under <paramref name="importPaths"/>, searched in order like protoc's <c>-I</c>; none means paths are read as given.</summary>
    public DirectoryFileSource(IEnumerable<string>? importPaths = null)
    {
        if (importPaths != null)
        {
            foreach (var path in importPaths)
            {
                _importPaths.Add(Normalize(Path.GetFullPath(path)));
            }
        }
    }

    /// <summary>The import paths in search order (full paths), including ones added for root files.</summary>
    public IReadOnlyList<string> ImportPaths => _importPaths;

    /// <inheritdoc />
    public bool TryResolve(string importPath, string? importingFile, out string canonicalPath, out string text)
    {
        canonicalPath = importPath;
        text = "";
        if (importingFile == null && File.Exists(importPath))
        {
            var full = Normalize(Path.GetFullPath(importPath));
            var root = FindContainingImportPath(full);
            if (root == null)
            {
                root = Normalize(Path.GetDirectoryName(full) ?? "");
                _importPaths.Add(root);
            }
            canonicalPath = full.Substring(root.Length).TrimStart('/');
            return TryRead(full, out text);
        }
        var relative = importPath.Replace('\\', '/');
        foreach (var root in _importPaths)
        {
            var candidate = Path.Combine(root, relative);
            if (File.Exists(candidate))
            {
                canonicalPath = relative;
                return TryRead(candidate, out text);
            }
        }
        return false;
    }

    private string? FindContainingImportPath(string fullPath)
    {
        foreach (var root in _importPaths)
        {
            if (fullPath.StartsWith(root.EndsWith("/", StringComparison.Ordinal) ? root : root + "/", StringComparison.Ordinal))
            {
                return root;
            }
        }
        return null;
    }

    private static string Normalize(string path) => path.Replace('\\', '/').TrimEnd('/');

    private static bool TryRead(string path, out string text)
    {
        text = "";
        try
        {
            if (new FileInfo(path).Length > MaxFileBytes)
            {
                return false;
            }
            text = File.ReadAllText(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
