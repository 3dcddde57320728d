using System.Collections.Generic;
using System.Globalization;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Thrift;

/// <summary>
/// C# for one .thrift file: enums, a <c>&lt;Program&gt;Constants</c> class, structs, unions and
/// exceptions, and per service a static class with its args/result structs, method descriptors,
/// server base and client. Generated code uses only Steward.Rpc and Steward.Rpc.Thrift, without
/// reflection, so it is trimming- and AOT-safe.
/// </summary>
internal static class ThriftGenerator
{
    public static IReadOnlyList<GeneratedFile> Generate(SchemaSet set, SchemaFile file, CodeGenOptions options)
    {
        var names = new ThriftNames(set, file, options);
        var access = options.InternalAccess ? "internal" : "public";
        var w = new CodeWriter();
        var ns = names.NamespaceOf(file);
        if (ns.Length > 0)
        {
            w.Open("namespace " + ns);
        }
        foreach (var e in file.Enums)
        {
            EmitEnum(w, e, names, access);
            w.Line();
        }
        if (file.Constants.Count > 0)
        {
            EmitConstants(w, file, names, access);
            w.Line();
        }
        foreach (var message in file.Messages)
        {
            new ThriftStructEmitter(ThriftStructModel.For(message), names, access).Emit(w);
            w.Line();
        }
        if (options.GenerateClients || options.GenerateServers)
        {
            foreach (var service in file.Services)
            {
                new ThriftServiceEmitter(service, names, options, access).Emit(w);
                w.Line();
            }
        }
        ThriftSupportEmitter.Emit(w);
        if (ns.Length > 0)
        {
            w.Close();
        }
        return new List<GeneratedFile> { new GeneratedFile(CSharpGenerator.HintName(file.Path), w.ToString()) };
    }

    private static void EmitEnum(CodeWriter w, EnumDef def, ThriftNames names, string access)
    {
        var members = names.EnumMembers(def);
        w.Doc(def.Documentation);
        w.Open($"{access} enum {ThriftNames.SimpleName(def)} : int");
        foreach (var value in def.Values)
        {
            w.Doc(value.Documentation);
            w.Line($"{members[value.Name]} = {value.Number.ToString(CultureInfo.InvariantCulture)},");
        }
        w.Close();
    }

    private static void EmitConstants(CodeWriter w, SchemaFile file, ThriftNames names, string access)
    {
        var literals = new ThriftLiterals(names);
        var className = ThriftNames.ConstantsClass(file);
        var members = ThriftLiterals.ConstantMembers(file);
        w.Line($"/// <summary>The constants of {ThriftNames.ProgramName(file)}.thrift.</summary>");
        w.Open($"{access} static partial class {className}");
        foreach (var constant in file.Constants)
        {
            w.Doc(constant.Documentation);
            w.Line($"public static readonly {names.CsType(constant.Type)} {members[constant]} = {literals.Expression(constant.Type, constant.Value)};");
        }
        w.Close();
    }
}
