using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using Steward.Rpc.Schema;

namespace Steward.Rpc.Generator;

/// <summary>
/// Serves IDL files from the compilation's AdditionalFiles, keyed like protoc keys them: by the
/// path relative to the first import root that contains the file. A file under no root is keyed
/// by its name, and its directory becomes a root, so sibling imports still resolve.
/// </summary>
internal sealed class AdditionalTextFileSource : IFileSource
{
    private readonly Dictionary<string, string> _textByAbsolute = new(StringComparer.Ordinal);
    private readonly List<string> _roots;
    private readonly Dictionary<string, string> _absoluteByCanonical = new(StringComparer.Ordinal);

    public AdditionalTextFileSource(ImmutableArray<IdlInput> inputs, List<string> roots)
    {
        _roots = new List<string>(roots);
        foreach (var input in inputs)
        {
            _textByAbsolute[input.Path] = input.Text;
        }
        foreach (var input in inputs)
        {
            if (FindRoot(input.Path) is null)
            {
                var directory = Path.GetDirectoryName(input.Path)?.Replace('\\', '/') ?? "";
                _roots.Add(directory.EndsWith("/", StringComparison.Ordinal) ? directory : directory + "/");
            }
        }
    }

    public string CanonicalPathOf(string absolutePath)
    {
        var root = FindRoot(absolutePath);
        var canonical = root is null ? Path.GetFileName(absolutePath) : absolutePath.Substring(root.Length);
        _absoluteByCanonical[canonical] = absolutePath;
        return canonical;
    }

    /// <summary>The disk path behind a canonical path, for diagnostics; the canonical path itself for built-in files.</summary>
    public string AbsolutePathOf(string canonicalPath) =>
        _absoluteByCanonical.TryGetValue(canonicalPath, out var absolute) ? absolute : canonicalPath;

    public bool TryResolve(string importPath, string? importingFile, out string canonicalPath, out string text)
    {
        var relative = importPath.Replace('\\', '/');
        foreach (var root in _roots)
        {
            var candidate = IdlSourceGenerator.NormalizePath(root + relative);
            if (_textByAbsolute.TryGetValue(candidate, out var found))
            {
                canonicalPath = CanonicalPathOf(candidate);
                text = found;
                return true;
            }
        }
        canonicalPath = relative;
        text = "";
        return false;
    }

    private string? FindRoot(string absolutePath)
    {
        foreach (var root in _roots)
        {
            if (absolutePath.StartsWith(root, StringComparison.Ordinal))
            {
                return root;
            }
        }
        return null;
    }
}
