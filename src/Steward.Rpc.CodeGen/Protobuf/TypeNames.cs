using System.Collections.Generic;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Protobuf;

/// <summary>Maps schema types to fully qualified C# names for one generation run.</summary>
internal sealed class TypeNames
{
    public const string WellKnownNamespace = "Steward.Rpc.Protobuf.WellKnownTypes";

    private readonly SchemaSet _set;
    private readonly SchemaFile _file;
    private readonly CodeGenOptions _options;

    public TypeNames(SchemaSet set, SchemaFile file, CodeGenOptions options)
    {
        _set = set;
        _file = file;
        _options = options;
    }

    public CodeGenOptions Options => _options;

    /// <summary>
    /// The C# namespace of a file: the well-known types live in the runtime; otherwise the override
    /// (applied to the generated file and to the other files generated with it), csharp_namespace,
    /// or the PascalCased package.
    /// </summary>
    public string NamespaceOf(SchemaFile file)
    {
        if (file.IsWellKnown)
        {
            return WellKnownNamespace;
        }
        if (!string.IsNullOrEmpty(_options.Namespace) && (file == _file || _set.RootFiles.Contains(file)))
        {
            return _options.Namespace!;
        }
        var option = file.FindOption("csharp_namespace");
        if (option != null && option.Value.Kind == ConstantKind.String)
        {
            return option.Value.Text;
        }
        return Naming.NamespaceFromPackage(file.Package);
    }

    /// <summary>The simple C# name of a type; a nested type called <c>Types</c> would clash with its container.</summary>
    public static string SimpleName(TypeDef type)
    {
        var name = type.Name;
        if (type.Parent != null && name == "Types")
        {
            name = "Types_";
        }
        return Naming.Escape(name);
    }

    /// <summary><c>global::Ns.Outer.Types.Inner</c>.</summary>
    public string FullName(TypeDef type)
    {
        var parts = new List<string>();
        for (TypeDef? current = type; current != null; current = current.Parent)
        {
            parts.Insert(0, SimpleName(current));
            if (current.Parent != null)
            {
                parts.Insert(0, "Types");
            }
        }
        var file = type.File ?? _file;
        var ns = NamespaceOf(file);
        return "global::" + (ns.Length > 0 ? ns + "." : "") + string.Join(".", parts);
    }
}
