using System.Collections.Generic;
using System.Linq;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Corba;

/// <summary>
/// One OMG IDL interface: the servant base (an <c>IBindableService</c>), the client (a <c>ClientBase</c>), the
/// result records of operations with out or inout parameters, and the internal holder of the wire types and
/// methods, each method carrying its <c>CorbaOperation</c>. A derived interface includes its bases' operations.
/// Attributes become accessor methods named as on the wire (<c>_get_counter</c>, <c>_set_counter</c>) and in C#
/// <c>GetCounterAsync</c>/<c>SetCounterAsync</c> (<c>GetCounterAttributeAsync</c> when an operation already has that name).
/// </summary>
internal sealed class CorbaServiceEmitter
{
    private const string R = CorbaNames.R;
    private const string C = CorbaNames.C;
    private const string Tasks = "global::System.Threading.Tasks.";
    private readonly CorbaTypes _types;
    private readonly CorbaCode _code;
    private readonly CodeGenOptions _options;
    private readonly ServiceDef _def;
    private readonly string _name;
    private readonly string _holder;
    private readonly List<MethodDef> _methods = new();
    private readonly Dictionary<MethodDef, string> _csNames = new();

    public CorbaServiceEmitter(CorbaTypes types, CorbaCode code, CodeGenOptions options, ServiceDef def)
    {
        _types = types;
        _code = code;
        _options = options;
        _def = def;
        _name = CorbaNames.TypeName(def.Name);
        _holder = _name + "CorbaMethods";
        Collect(def, new HashSet<ServiceDef>());
        var operations = new HashSet<string>(_methods.Where(m => m.Accessor == AttributeAccessor.None).Select(m => Naming.Escape(Naming.ToPascalCase(m.Name))));
        foreach (var m in _methods)
        {
            if (m.Accessor == AttributeAccessor.None)
            {
                _csNames[m] = Naming.Escape(Naming.ToPascalCase(m.Name));
                continue;
            }
            var name = (m.Accessor == AttributeAccessor.Get ? "Get" : "Set") + Naming.ToPascalCase(m.AttributeName ?? m.Name);
            _csNames[m] = operations.Contains(name) ? name + "Attribute" : name;
        }
    }

    private void Collect(ServiceDef service, HashSet<ServiceDef> seen)
    {
        if (!seen.Add(service))
        {
            return;
        }
        foreach (var m in service.Methods)
        {
            if (_methods.All(x => x.Name != m.Name))
            {
                _methods.Add(m);
            }
        }
        foreach (var b in service.Bases)
        {
            Collect(b, seen);
        }
    }

    private string Op(MethodDef m) => _csNames[m];

    private static IEnumerable<FieldDef> Ins(MethodDef m) => m.Parameters.Where(p => !p.IsOut);

    private static IEnumerable<FieldDef> Outs(MethodDef m) => m.Parameters.Where(p => p.IsOut || p.IsInOut);

    private static IEnumerable<FieldDef> Results(MethodDef m) =>
        (m.ReturnValue != null ? new[] { m.ReturnValue } : new FieldDef[0]).Concat(Outs(m));

    private static string Prop(FieldDef f) => "In" + Naming.ToPascalCase(f.Name);

    private static string ReplyProp(FieldDef f) => f.IsOut || f.IsInOut ? "Out" + Naming.ToPascalCase(f.Name) : "ReturnValue";

    private string ArgsType(MethodDef m) => Ins(m).Any() ? $"{_holder}.{Op(m)}Args" : C + "CorbaVoid";

    private string ReplyType(MethodDef m) => Results(m).Any() ? $"{_holder}.{Op(m)}Reply" : C + "CorbaVoid";

    private string RecordName(MethodDef m) => _name + Op(m).TrimStart('@') + "Result";

    private string TaskType(MethodDef m)
    {
        if (Outs(m).Any())
        {
            return $"{Tasks}Task<{RecordName(m)}>";
        }
        return m.ReturnValue != null ? $"{Tasks}Task<{_types.CsType(m.ReturnValue.Type)}>" : Tasks + "Task";
    }

    public void Emit(CodeWriter w)
    {
        foreach (var m in _methods.Where(x => Outs(x).Any()))
        {
            var fields = (m.ReturnValue != null ? new[] { $"{_types.CsType(m.ReturnValue.Type)} ReturnValue" } : new string[0])
                .Concat(Outs(m).Select(o => $"{_types.CsType(o.Type)} {Naming.Escape(Naming.ToPascalCase(o.Name))}"));
            w.Line($"/// <summary>What {m.Name} returns: its return value, then its out and inout parameters.</summary>");
            w.Line($"public readonly record struct {RecordName(m)}({string.Join(", ", fields)});");
            w.Line();
        }
        EmitHolder(w);
        if (_options.GenerateServers)
        {
            w.Line();
            EmitServer(w);
        }
        if (_options.GenerateClients)
        {
            w.Line();
            EmitClient(w);
        }
    }

    /// <summary>This interface's repository id, then every base's (depth first, each once), then CORBA::Object's.</summary>
    private List<string> RepositoryIds()
    {
        var ids = new List<string>();
        void Add(ServiceDef s)
        {
            var id = CorbaNames.RepositoryId(s.RepositoryId, s.FullName);
            if (ids.Contains(id))
            {
                return;
            }
            ids.Add(id);
            foreach (var b in s.Bases)
            {
                Add(b);
            }
        }
        Add(_def);
        ids.Remove("IDL:omg.org/CORBA/Object:1.0");
        ids.Add("IDL:omg.org/CORBA/Object:1.0");
        return ids;
    }

    private void EmitHolder(CodeWriter w)
    {
        var interfaceId = CorbaNames.RepositoryId(_def.RepositoryId, _def.FullName);
        w.Line($"/// <summary>The wire types and methods of {_def.FullName}, shared by the servant base and the client.</summary>");
        w.Open($"internal static class {_holder}");
        w.Line($"private static readonly string[] __repositoryIds = [{string.Join(", ", RepositoryIds().Select(Naming.Literal))}];");
        w.Line();
        foreach (var m in _methods)
        {
            var op = Op(m);
            if (Ins(m).Any())
            {
                WireClass(w, op + "Args", Ins(m), Prop, m.Name);
            }
            if (Results(m).Any())
            {
                WireClass(w, op + "Reply", Results(m), ReplyProp, m.Name);
            }
            var args = ArgsType(m);
            var reply = ReplyType(m);
            var oneway = m.IsOneway ? "true" : "false";
            w.Line($"public static readonly {R}Method<{args}, {reply}> {op} =");
            w.Line($"    new({R}MethodType.Unary, {Naming.Literal(_def.FullName)}, {Naming.Literal(m.Name)}, {C}CorbaMarshaller.Create<{args}>({Codec(m, true, true)}, {Codec(m, true, false)}), {C}CorbaMarshaller.Create<{reply}>({Codec(m, false, true)}, {Codec(m, false, false)}))");
            w.Line("    {");
            w.Line($"        IsOneway = {oneway},");
            w.Line($"        Codecs = {R}MethodCodecs.Empty.With(new {C}CorbaOperation<{args}, {reply}>({Naming.Literal(m.Name)}, {oneway}, {Codec(m, true, true)}, {Codec(m, true, false)}, {Codec(m, false, true)}, {Codec(m, false, false)})");
            w.Line("        {");
            w.Line($"            InterfaceRepositoryId = {Naming.Literal(interfaceId)},");
            w.Line("            RepositoryIds = __repositoryIds,");
            if (m.Throws.Count > 0)
            {
                w.Line($"            UserExceptions = new global::System.Collections.Generic.Dictionary<string, {C}CdrReader<{C}CorbaUserException>>(global::System.StringComparer.Ordinal)");
                w.Line("            {");
                foreach (var t in m.Throws)
                {
                    var type = _types.CsType(t.Type);
                    w.Line($"                [{type}.CorbaRepositoryId] = {type}.ReadMembers,");
                }
                w.Line("            },");
            }
            w.Line("        }),");
            w.Line("    };");
            w.Line();
        }
        w.Close();
    }

    private string Codec(MethodDef m, bool args, bool write)
    {
        var has = args ? Ins(m).Any() : Results(m).Any();
        var type = has ? Op(m) + (args ? "Args" : "Reply") : C + "CorbaVoid";
        return type + (write ? ".Write" : ".Read");
    }

    private void WireClass(CodeWriter w, string className, IEnumerable<FieldDef> fields, System.Func<FieldDef, string> prop, string operation)
    {
        var list = fields.ToList();
        w.Open($"internal sealed class {className}");
        foreach (var f in list)
        {
            var init = CorbaTypes.IsValueType(f.Type) ? "" : " = default!;";
            w.Line($"public {_types.CsType(f.Type)} {prop(f)} {{ get; set; }}{init}");
        }
        w.Line();
        w.Open($"public static void Write({C}CdrOutputStream output, {className} value)");
        _code.WriteAll(w, list, f => "value." + prop(f), operation);
        w.Close();
        w.Line();
        w.Open($"public static {className} Read({C}CdrInputStream input)");
        w.Line($"var value = new {className}();");
        _code.ReadAll(w, list, f => "value." + prop(f), operation);
        w.Line("return value;");
        w.Close();
        w.Close();
        w.Line();
    }

    private static string[] Names(MethodDef m, string extra) => Ins(m).Select(p => CorbaNames.Parameter(p.Name, extra)).ToArray();

    private void EmitServer(CodeWriter w)
    {
        w.Doc(_def.Documentation);
        w.Line($"/// <summary>Derive from this to implement {_def.FullName}; every operation and attribute accessor (inherited ones included) is abstract.</summary>");
        w.Open($"public abstract class {_name}Base : {R}IBindableService");
        foreach (var m in _methods)
        {
            var names = Names(m, "context");
            var parameters = Ins(m).Select((p, i) => $"{_types.CsType(p.Type)} {names[i]}").Concat(new[] { R + "ServerCallContext context" });
            w.Doc(m.Documentation);
            w.Line($"public abstract {TaskType(m)} {Op(m)}Async({string.Join(", ", parameters)});");
            w.Line();
        }
        w.Line("/// <summary>Every operation bound under the interface's name.</summary>");
        w.Open($"public {R}ServiceDefinition BindService()");
        w.Line($"return {R}ServiceDefinition.CreateBuilder({Naming.Literal(_def.FullName)})");
        foreach (var m in _methods)
        {
            w.Line($"    .AddMethod({_holder}.{Op(m)}, Corba{Op(m).TrimStart('@')})");
        }
        w.Line("    .Build();");
        w.Close();
        foreach (var m in _methods)
        {
            w.Line();
            w.Open($"private async {Tasks}Task<{ReplyType(m)}> Corba{Op(m).TrimStart('@')}({ArgsType(m)} args, {R}ServerCallContext context)");
            var call = $"{Op(m)}Async({string.Join(", ", Ins(m).Select(p => "args." + Prop(p)).Concat(new[] { "context" }))})";
            if (!Results(m).Any())
            {
                w.Line($"await {call}.ConfigureAwait(false);");
                w.Line($"return {C}CorbaVoid.Instance;");
            }
            else if (!Outs(m).Any())
            {
                w.Line($"return new {ReplyType(m)} {{ ReturnValue = await {call}.ConfigureAwait(false) }};");
            }
            else
            {
                w.Line($"var result = await {call}.ConfigureAwait(false);");
                var init = Results(m).Select(f => $"{ReplyProp(f)} = result.{(f == m.ReturnValue ? "ReturnValue" : Naming.Escape(Naming.ToPascalCase(f.Name)))}");
                w.Line($"return new {ReplyType(m)} {{ {string.Join(", ", init)} }};");
            }
            w.Close();
        }
        w.Close();
    }

    private void EmitClient(CodeWriter w)
    {
        w.Line($"/// <summary>Calls {_def.FullName} through any Steward transport; a declared user exception is thrown as itself, a oneway call completes when sent.</summary>");
        w.Open($"public sealed class {_name}Client : {R}ClientBase");
        w.Line($"/// <summary>A client whose calls go through <paramref name=\"callInvoker\"/>.</summary>");
        w.Line($"public {_name}Client({R}CallInvoker callInvoker) : base(callInvoker) {{ }}");
        foreach (var m in _methods)
        {
            var names = Names(m, "options");
            var parameters = Ins(m).Select((p, i) => $"{_types.CsType(p.Type)} {names[i]}").Concat(new[] { R + "CallOptions options = default" });
            w.Line();
            w.Doc(m.Documentation);
            w.Open($"public async {TaskType(m)} {Op(m)}Async({string.Join(", ", parameters)})");
            var args = Ins(m).Any()
                ? $"new {ArgsType(m)} {{ {string.Join(", ", Ins(m).Select((p, i) => $"{Prop(p)} = {names[i]}"))} }}"
                : C + "CorbaVoid.Instance";
            w.Line($"using var __call = CallInvoker.AsyncUnaryCall({_holder}.{Op(m)}, {args}, options);");
            if (!Results(m).Any())
            {
                w.Line("await __call.ResponseAsync.ConfigureAwait(false);");
            }
            else if (!Outs(m).Any())
            {
                w.Line("return (await __call.ResponseAsync.ConfigureAwait(false)).ReturnValue;");
            }
            else
            {
                w.Line("var __reply = await __call.ResponseAsync.ConfigureAwait(false);");
                var values = Results(m).Select(f => "__reply." + ReplyProp(f));
                w.Line($"return new {RecordName(m)}({string.Join(", ", values)});");
            }
            w.Close();
        }
        w.Close();
    }
}
