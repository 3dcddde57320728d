using System.Collections.Generic;
using System.Linq;
using Steward.Rpc.Schema;
using Steward.Rpc.Schema.Slice;

namespace Steward.Rpc.CodeGen.Ice;

/// <summary>
/// C# for Slice (ZeroC Ice 3.7) files: modules become namespaces; enums, structs (value equality), classes
/// (on <c>IceValue</c>), exceptions (on <c>IceUserException</c>) and constants; for each interface a servant
/// base and a proxy on the Steward core, with the Ice codec of each operation; and a module initializer that
/// registers the classes and exceptions with the Ice decoder.
/// </summary>
public sealed class IceEmitter : ICSharpEmitter
{
    private static readonly IdlSyntax[] Served = { SliceSyntax.Slice };

    /// <inheritdoc />
    public string Name => "Ice";

    /// <inheritdoc />
    public IReadOnlyList<IdlSyntax> Syntaxes => Served;

    /// <inheritdoc />
    public IReadOnlyList<GeneratedFile> Emit(SchemaSet set, SchemaFile file, CodeGenOptions options)
    {
        var names = new IceNames(set);
        var types = new IceTypes(names, set);
        var code = new IceCode(types);
        var data = new IceDataEmitter(types, code, options);
        var w = new CodeWriter();
        var namespaces = file.Enums.Select(e => e.FullName)
            .Concat(file.Messages.Select(m => m.FullName))
            .Concat(file.Constants.Select(c => c.FullName))
            .Concat(file.Services.Select(s => s.FullName))
            .Select(names.Namespace)
            .Distinct()
            .ToList();
        var registered = new List<(MessageDef, string)>();
        foreach (var ns in namespaces)
        {
            var scoped = ns.Length > 0;
            if (scoped)
            {
                w.Open($"namespace {ns}");
            }
            foreach (var e in file.Enums.Where(e => names.Namespace(e.FullName) == ns))
            {
                data.Enum(w, e);
                w.Line();
            }
            foreach (var m in file.Messages.Where(m => names.Namespace(m.FullName) == ns))
            {
                switch (m.Kind)
                {
                    case MessageKind.Struct:
                        data.Struct(w, m);
                        break;
                    case MessageKind.Class:
                        data.Class(w, m);
                        registered.Add((m, names.Qualified(m.FullName)));
                        break;
                    case MessageKind.Exception:
                        data.Exception(w, m);
                        registered.Add((m, names.Qualified(m.FullName)));
                        break;
                    default:
                        continue;
                }
                w.Line();
            }
            var constants = file.Constants.Where(c => names.Namespace(c.FullName) == ns).ToList();
            if (constants.Count > 0)
            {
                data.Constants(w, constants);
                w.Line();
            }
            foreach (var s in file.Services.Where(s => names.Namespace(s.FullName) == ns))
            {
                new IceServiceEmitter(types, code, options, s).Emit(w);
                w.Line();
            }
            if (scoped)
            {
                w.Close();
                w.Line();
            }
        }
        if (registered.Count > 0)
        {
            var hint = CSharpGenerator.HintName(file.Path);
            var className = "IceTypes_" + hint.Substring(0, hint.Length - ".g.cs".Length);
            w.Open("namespace Steward.Rpc.Ice.Generated");
            IceDataEmitter.Registration(w, className, registered);
            w.Close();
        }
        return new List<GeneratedFile> { new GeneratedFile(CSharpGenerator.HintName(file.Path), w.ToString()) };
    }
}
