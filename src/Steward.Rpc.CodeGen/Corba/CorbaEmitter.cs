using System.Collections.Generic;
using System.Linq;
using Steward.Rpc.Schema;
using Steward.Rpc.Schema.OmgIdl;

namespace Steward.Rpc.CodeGen.Corba;

/// <summary>
/// C# for OMG IDL files: modules become namespaces; enums (uint, ordinal), structs and unions (value equality,
/// static CDR <c>Write</c>/<c>Read</c>), exceptions (on <c>CorbaUserException</c>) and constants; typedefs
/// produce nothing (references resolve through them); for each interface a servant base and a client on the
/// Steward core, with the <c>CorbaOperation</c> of each operation and attribute accessor. The generator's
/// <c>Namespace</c>, when set, is put in front of every module's namespace.
/// </summary>
public sealed class CorbaEmitter : ICSharpEmitter
{
    private static readonly IdlSyntax[] Served = { OmgIdlSyntax.OmgIdl };

    /// <inheritdoc />
    public string Name => "CORBA";

    /// <inheritdoc />
    public IReadOnlyList<IdlSyntax> Syntaxes => Served;

    /// <inheritdoc />
    public IReadOnlyList<GeneratedFile> Emit(SchemaSet set, SchemaFile file, CodeGenOptions options)
    {
        var types = new CorbaTypes(options.Namespace);
        var code = new CorbaCode(types);
        var data = new CorbaDataEmitter(types, code, options);
        var w = new CodeWriter();
        var messages = file.AllMessages().ToList();
        var namespaces = file.Enums.Select(e => e.FullName)
            .Concat(messages.Select(m => m.FullName))
            .Concat(file.Constants.Select(c => c.FullName))
            .Concat(file.Services.Select(s => s.FullName))
            .Select(types.Namespace)
            .Distinct()
            .ToList();
        foreach (var ns in namespaces)
        {
            var scoped = ns.Length > 0;
            if (scoped)
            {
                w.Open($"namespace {ns}");
            }
            foreach (var e in file.Enums.Where(e => types.Namespace(e.FullName) == ns))
            {
                data.Enum(w, e);
                w.Line();
            }
            foreach (var m in messages.Where(m => types.Namespace(m.FullName) == ns))
            {
                switch (m.Kind)
                {
                    case MessageKind.Union:
                        new CorbaUnionEmitter(types, code, options, m).Emit(w);
                        break;
                    case MessageKind.Exception:
                        data.Exception(w, m);
                        break;
                    default:
                        data.Struct(w, m);
                        break;
                }
                w.Line();
            }
            var constants = file.Constants.Where(c => types.Namespace(c.FullName) == ns).ToList();
            if (constants.Count > 0)
            {
                data.Constants(w, constants);
                w.Line();
            }
            foreach (var s in file.Services.Where(s => types.Namespace(s.FullName) == ns))
            {
                new CorbaServiceEmitter(types, code, options, s).Emit(w);
                w.Line();
            }
            if (scoped)
            {
                w.Close();
                w.Line();
            }
        }
        return new List<GeneratedFile> { new GeneratedFile(CSharpGenerator.HintName(file.Path), w.ToString()) };
    }
}
