using System.Collections.Generic;

namespace Steward.Rpc.Schema;

/// <summary>
/// Where IDL text comes from. The CLI reads the disk through import paths; the Roslyn generator
/// reads the compilation's AdditionalTexts; tests use memory. Keeping I/O behind this lets the
/// generator stay within the compiler's rules (no file access of its own).
/// </summary>
public interface IFileSource
{
    /// <summary>
    /// Finds an imported file. <paramref name="importPath"/> is as written in the import statement;
    /// <paramref name="importingFile"/> is the path of the file that imports it (for relative lookup).
    /// Returns the canonical path (the key used for cycle detection and diagnostics) and the text.
    /// </summary>
    bool TryResolve(string importPath, string? importingFile, out string canonicalPath, out string text);
}

/// <summary>Files held in memory, keyed by path; imports are looked up by exact path.</summary>
public sealed class InMemoryFileSource : IFileSource
{
    private readonly Dictionary<string, string> _files = new();

    /// <summary>Adds (or replaces) the file <paramref name="path"/>; returns this source so calls chain.</summary>
    public InMemoryFileSource Add(string path, string text)
    {
        _files[path] = text;
        return this;
    }

    /// <inheritdoc />
    public bool TryResolve(string importPath, string? importingFile, out string canonicalPath, out string text)
    {
        canonicalPath = importPath;
        if (_files.TryGetValue(importPath, out var found))
        {
            text = found;
            return true;
        }
        text = "";
        return false;
    }
}
