using System.Collections.Generic;
using System.Linq;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Corba;

/// <summary>C# names for OMG IDL definitions: modules become namespaces, IDL names are kept on the wire.</summary>
internal static class CorbaNames
{
    public const string R = "global::Steward.Rpc.";
    public const string C = "global::Steward.Rpc.Corba.";

    private static readonly HashSet<string> ExceptionMembers = new()
    {
        "Message", "Data", "Source", "StackTrace", "HelpLink", "InnerException", "HResult", "TargetSite", "RepositoryId",
        "CorbaRepositoryId", "WriteMembers", "ReadMembers",
    };

    private static readonly HashSet<string> DataMembers = new() { "Write", "Read", "Equals", "GetHashCode", "ToString", "GetType", "CorbaRepositoryId" };

    /// <summary>
    /// The C# namespace of a definition named <paramref name="fullName"/> ("Test.Inner.Point" → "Test.Inner"),
    /// under <paramref name="prefix"/> when one is set (the generator's <c>Namespace</c>: "Contract" → "Contract.Test.Inner").
    /// </summary>
    public static string Namespace(string fullName, string? prefix)
    {
        var parts = fullName.Split('.');
        var modules = parts.Take(parts.Length - 1).Select(p => Naming.Escape(Naming.ToPascalCase(p)));
        if (!string.IsNullOrEmpty(prefix))
        {
            modules = new[] { prefix! }.Concat(modules);
        }
        return string.Join(".", modules);
    }

    public static string TypeName(string name) => Naming.Escape(Naming.ToPascalCase(name));

    /// <summary>The fully qualified C# name of a definition.</summary>
    public static string Qualified(string fullName, string? prefix)
    {
        var ns = Namespace(fullName, prefix);
        var name = TypeName(fullName.Substring(fullName.LastIndexOf('.') + 1));
        return "global::" + (ns.Length > 0 ? ns + "." : "") + name;
    }

    /// <summary>The repository id the front-end gave the definition, else the default one ("Test.Point" → "IDL:Test/Point:1.0").</summary>
    public static string RepositoryId(string? declared, string fullName) =>
        !string.IsNullOrEmpty(declared) ? declared! : "IDL:" + fullName.Replace(".", "/") + ":1.0";

    /// <summary>The property of a struct, union or exception member (renamed with a trailing <c>_</c> when it would clash).</summary>
    public static string Property(FieldDef field, string owner, bool isException)
    {
        var name = Naming.ToPascalCase(field.Name);
        if (name == owner || (isException ? ExceptionMembers.Contains(name) : DataMembers.Contains(name) || name == "Discriminator"))
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
