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
        var enums = file.Enums.Concat(messages.SelectMany(m => m.NestedEnums)).Distinct().ToList();
        var definitions = enums.Cast<TypeDef>().Concat(messages).ToList();

        // A type declared inside a struct, union or exception is a nested class of that type's class (a namespace
        // named like the class could not sit beside it); types inside interfaces and modules are in namespaces.
        MessageDef? Container(TypeDef d)
        {
            var dot = d.FullName.LastIndexOf('.');
            return dot < 0 ? null : set.FindType(d.FullName.Substring(0, dot)) as MessageDef;
        }
        var access = options.InternalAccess ? "internal" : "public";
        void EmitDefinition(TypeDef d)
        {
            switch (d)
            {
                case EnumDef e:
                    data.Enum(w, e);
                    break;
                case MessageDef { Kind: MessageKind.Union } m:
                    new CorbaUnionEmitter(types, code, options, m).Emit(w);
                    break;
                case MessageDef { Kind: MessageKind.Exception } m:
                    data.Exception(w, m);
                    break;
                case MessageDef m:
                    data.Struct(w, m);
                    break;
            }
            w.Line();
            var nested = definitions.Where(n => Container(n) == d).ToList();
            if (nested.Count > 0)
            {
                w.Open($"{access} partial class {CorbaNames.TypeName(d.Name)}");
                foreach (var n in nested)
                {
                    EmitDefinition(n);
                }
                w.Close();
                w.Line();
            }
        }

        var topLevel = definitions.Where(d => Container(d) is null).ToList();
        var namespaces = topLevel.Select(d => d.FullName)
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
            foreach (var d in topLevel.Where(d => types.Namespace(d.FullName) == ns))
            {
                EmitDefinition(d);
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
