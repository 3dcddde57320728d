using System.Collections.Generic;
using System.Linq;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Ice;

/// <summary>C# names for Slice definitions: modules become namespaces, Slice names are kept on the wire.</summary>
internal sealed class IceNames
{
    public const string R = "global::Steward.Rpc.";
    public const string I = "global::Steward.Rpc.Ice.";

    private static readonly HashSet<string> ExceptionMembers = new()
    {
        "Message", "Data", "Source", "StackTrace", "HelpLink", "InnerException", "HResult", "TargetSite", "IceId", "IceSlicedData", "IceTypeId",
    };

    private readonly Dictionary<string, string> _moduleNamespaces = new();

    public IceNames(SchemaSet set)
    {
        foreach (var file in set.Files)
        {
            foreach (var option in file.Options)
            {
                const string Prefix = "cs:namespace:";
                if (option.Name.StartsWith(Prefix, System.StringComparison.Ordinal) && option.Value.Kind == ConstantKind.Identifier)
                {
                    _moduleNamespaces[option.Value.Text] = option.Name.Substring(Prefix.Length);
                }
            }
        }
    }

    /// <summary>The C# namespace of a definition named <paramref name="fullName"/> ("Test.Inner.Point" → "Test.Inner").</summary>
    public string Namespace(string fullName)
    {
        var parts = fullName.Split('.');
        var modules = parts.Take(parts.Length - 1).Select(p => Naming.Escape(Naming.ToPascalCase(p))).ToList();
        if (modules.Count > 0 && _moduleNamespaces.TryGetValue(parts[0], out var prefix))
        {
            modules.Insert(0, prefix);
        }
        return string.Join(".", modules);
    }

    public static string TypeName(string name) => Naming.Escape(Naming.ToPascalCase(name));

    /// <summary>The fully qualified C# name of a definition.</summary>
    public string Qualified(string fullName)
    {
        var ns = Namespace(fullName);
        var name = TypeName(fullName.Substring(fullName.LastIndexOf('.') + 1));
        return "global::" + (ns.Length > 0 ? ns + "." : "") + name;
    }

    /// <summary>The Slice type id ("Test.Point" → "::Test::Point").</summary>
    public static string TypeId(string fullName) => "::" + fullName.Replace(".", "::");

    public static string Property(FieldDef field, string owner, bool isException)
    {
        var name = Naming.ToPascalCase(field.Name);
        if (name == owner || (isException ? ExceptionMembers.Contains(name) : name is "IceId" or "IceSlicedData" or "IceTypeId" or "IceCompactId"))
        {
            name += "_";
        }
        return Naming.Escape(name);
    }

    public static string Parameter(string name, params string[] reserved)
    {
        var result = name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
        if (reserved.Contains(result))
        {
            result += "_";
        }
        return Naming.Escape(result);
    }
}
