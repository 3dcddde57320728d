using System.Collections.Generic;

namespace Steward.Rpc.Schema;

/// <summary>A proto <c>import</c> or a Thrift <c>include</c>.</summary>
public sealed class ImportDef
{
    /// <summary>An import of <paramref name="path"/> as written.</summary>
    public ImportDef(string path, SourceLocation location)
    {
        Path = path;
        Location = location;
    }

    /// <summary>As written: <c>google/protobuf/empty.proto</c>, Thrift <c>include "shared.thrift"</c>.</summary>
    public string Path { get; }
    /// <summary>Where the import is written; a missing file is reported here.</summary>
    public SourceLocation Location { get; }
    /// <summary>proto <c>import public</c>: files importing this one see the imported file too.</summary>
    public bool IsPublic { get; set; }
    /// <summary>proto <c>import weak</c>.</summary>
    public bool IsWeak { get; set; }
    /// <summary>The file it resolved to, once loaded.</summary>
    public SchemaFile? File { get; set; }
}

/// <summary>One IDL file after parsing.</summary>
public sealed class SchemaFile
{
    /// <summary>An empty file of <paramref name="syntax"/> loaded as <paramref name="path"/>.</summary>
    public SchemaFile(string path, IdlSyntax syntax)
    {
        Path = path;
        Syntax = syntax;
    }

    /// <summary>The path it was loaded by, relative to its import root when it had one (<c>google/protobuf/empty.proto</c>).</summary>
    public string Path { get; }
    /// <summary>The IDL the file is written in; it picks the emitter for the file.</summary>
    public IdlSyntax Syntax { get; set; }
    /// <summary>proto <c>package</c>; Thrift: the file's base name (its program name).</summary>
    public string Package { get; set; } = "";
    /// <summary>Thrift <c>namespace &lt;lang&gt; &lt;name&gt;</c> per language (<c>*</c>, <c>netstd</c>, <c>csharp</c>, <c>py</c> …).</summary>
    public Dictionary<string, string> Namespaces { get; } = new();
    /// <summary>The imports or includes in source order.</summary>
    public List<ImportDef> Imports { get; } = new();
    /// <summary>File-level options (proto <c>option java_package = …;</c>).</summary>
    public List<OptionDef> Options { get; } = new();
    /// <summary>Top-level messages, structs, unions and exceptions in declaration order.</summary>
    public List<MessageDef> Messages { get; } = new();
    /// <summary>Top-level enums in declaration order.</summary>
    public List<EnumDef> Enums { get; } = new();
    /// <summary>Services in declaration order.</summary>
    public List<ServiceDef> Services { get; } = new();
    /// <summary>Thrift typedefs in declaration order.</summary>
    public List<TypedefDef> Typedefs { get; } = new();
    /// <summary>Thrift constants in declaration order.</summary>
    public List<ConstantDef> Constants { get; } = new();
    /// <summary>File-level proto <c>extend</c> blocks (custom option definitions in proto3).</summary>
    public List<ExtendDef> Extends { get; } = new();
    /// <summary>True for files the toolkit ships (google/protobuf well-known types): generated elsewhere, not per user project.</summary>
    public bool IsWellKnown { get; set; }

    /// <summary>The first file-level option named exactly <paramref name="name"/>, or null.</summary>
    public OptionDef? FindOption(string name)
    {
        foreach (var option in Options)
        {
            if (option.Name == name)
            {
                return option;
            }
        }
        return null;
    }

    /// <summary>Every message in the file, nested ones included, depth first.</summary>
    public IEnumerable<MessageDef> AllMessages()
    {
        var stack = new Stack<MessageDef>();
        for (var i = Messages.Count - 1; i >= 0; i--)
        {
            stack.Push(Messages[i]);
        }
        while (stack.Count > 0)
        {
            var message = stack.Pop();
            yield return message;
            for (var i = message.NestedMessages.Count - 1; i >= 0; i--)
            {
                stack.Push(message.NestedMessages[i]);
            }
        }
    }
}

/// <summary>The result of compiling a set of IDL files: the files (imports included) and every diagnostic.</summary>
public sealed class SchemaSet
{
    private readonly Dictionary<string, TypeDef> _types = new();
    private readonly Dictionary<string, ServiceDef> _services = new();

    /// <summary>Files in load order; imports come before the files that import them.</summary>
    public List<SchemaFile> Files { get; } = new();
    /// <summary>The files named on the command line / in the project, as opposed to their imports.</summary>
    public List<SchemaFile> RootFiles { get; } = new();
    /// <summary>Every problem found, in every file; generate code only when it has no errors.</summary>
    public DiagnosticBag Diagnostics { get; } = new();

    /// <summary>Every named type by full name (no leading dot).</summary>
    public IReadOnlyDictionary<string, TypeDef> Types => _types;
    /// <summary>Every service by full name.</summary>
    public IReadOnlyDictionary<string, ServiceDef> Services => _services;

    /// <summary>Registers a type under its full name; false if the name is taken.</summary>
    public bool TryAddType(TypeDef type) => TryAdd(_types, type.FullName, type);
    /// <summary>Registers a service under its full name; false if the name is taken.</summary>
    public bool TryAddService(ServiceDef service) => TryAdd(_services, service.FullName, service);

    /// <summary>The type named <paramref name="fullName"/> (a leading dot is allowed), or null.</summary>
    public TypeDef? FindType(string fullName) =>
        _types.TryGetValue(fullName.StartsWith(".", System.StringComparison.Ordinal) ? fullName.Substring(1) : fullName, out var type) ? type : null;

    private static bool TryAdd<T>(Dictionary<string, T> map, string key, T value)
    {
        if (map.ContainsKey(key))
        {
            return false;
        }
        map[key] = value;
        return true;
    }
}
