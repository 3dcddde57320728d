using System.Collections.Generic;
using System.Linq;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Ice;

/// <summary>
/// One Slice interface: the servant base (an <c>IBindableService</c>), the proxy (a <c>ClientBase</c>), the
/// result records of operations with out-parameters, and the internal holder of the wire types and methods.
/// </summary>
internal sealed class IceServiceEmitter
{
    private const string R = IceNames.R;
    private const string I = IceNames.I;
    private const string Tasks = "global::System.Threading.Tasks.";
    private readonly IceTypes _types;
    private readonly IceCode _code;
    private readonly CodeGenOptions _options;
    private readonly ServiceDef _def;
    private readonly string _name;
    private readonly string _holder;
    private readonly List<MethodDef> _methods;

    public IceServiceEmitter(IceTypes types, IceCode code, CodeGenOptions options, ServiceDef def)
    {
        _types = types;
        _code = code;
        _options = options;
        _def = def;
        _name = IceNames.TypeName(def.Name);
        _holder = _name + "IceMethods";
        _methods = new List<MethodDef>();
        var seen = new HashSet<ServiceDef>();
        Collect(def, seen);
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

    private static string Op(MethodDef m) => Naming.Escape(Naming.ToPascalCase(m.Name));

    private static IEnumerable<FieldDef> Ins(MethodDef m) => m.Parameters.Where(p => !p.IsOut);

    private static IEnumerable<FieldDef> Outs(MethodDef m) => m.Parameters.Where(p => p.IsOut);

    private static IEnumerable<FieldDef> Results(MethodDef m) =>
        Outs(m).Concat(m.ReturnValue != null ? new[] { m.ReturnValue } : new FieldDef[0]);

    private string ParamType(FieldDef f) => f.IsTagged ? _types.OptionalType(f.Type) : _types.CsType(f.Type);

    private static string Prop(FieldDef f) => "In" + Naming.ToPascalCase(f.Name);

    private string ArgsType(MethodDef m) => Ins(m).Any() ? $"{_holder}.{Op(m)}Args" : I + "IceVoid";

    private string ReplyType(MethodDef m) => Results(m).Any() ? $"{_holder}.{Op(m)}Reply" : I + "IceVoid";

    private string RecordName(MethodDef m) => _name + Naming.ToPascalCase(m.Name) + "Result";

    private string TaskType(MethodDef m)
    {
        if (Outs(m).Any())
        {
            return $"{Tasks}Task<{RecordName(m)}>";
        }
        return m.ReturnValue != null ? $"{Tasks}Task<{ParamType(m.ReturnValue)}>" : Tasks + "Task";
    }

    private static string ReplyProp(FieldDef f) => f.IsOut ? "Out" + Naming.ToPascalCase(f.Name) : "ReturnValue";

    public void Emit(CodeWriter w)
    {
        foreach (var m in _methods.Where(x => Outs(x).Any()))
        {
            var fields = (m.ReturnValue != null ? new[] { $"{ParamType(m.ReturnValue)} ReturnValue" } : new string[0])
                .Concat(Outs(m).Select(o => $"{ParamType(o)} {Naming.Escape(Naming.ToPascalCase(o.Name))}"));
            w.Line($"/// <summary>What {Naming.Literal(m.Name).Trim('"')} returns: its return value and out-parameters.</summary>");
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

    private void EmitHolder(CodeWriter w)
    {
        var ids = new SortedSet<string>(System.StringComparer.Ordinal) { "::Ice::Object" };
        AddIds(_def, ids, new HashSet<ServiceDef>());
        var idList = string.Join(", ", ids.Select(Naming.Literal));
        var serviceName = _def.FullName;
        w.Line($"/// <summary>The wire types and methods of {_def.FullName}, shared by the servant base and the proxy.</summary>");
        w.Open($"internal static class {_holder}");
        foreach (var m in _methods)
        {
            var op = Op(m);
            if (Ins(m).Any())
            {
                WireClass(w, op + "Args", Ins(m), f => Prop(f));
            }
            if (Results(m).Any())
            {
                WireClass(w, op + "Reply", Results(m), ReplyProp);
            }
            var args = ArgsType(m);
            var reply = ReplyType(m);
            var mode = m.IsIdempotent ? "Idempotent" : "Normal";
            var format = Format(m) ? "Sliced" : "Compact";
            var declared = m.Throws.Count == 0 ? "null" : "e => " + string.Join(" || ", m.Throws.Select(t => $"e is {_types.CsType(t.Type)}"));
            w.Line($"public static readonly {R}Method<{args}, {reply}> {op} =");
            w.Line($"    new({R}MethodType.Unary, {Naming.Literal(serviceName)}, {Naming.Literal(m.Name)}, {I}IceMarshaller.Create<{args}>({Writer(m, true)}, {Reader(m, true)}), {I}IceMarshaller.Create<{reply}>({Writer(m, false)}, {Reader(m, false)}))");
            w.Line("    {");
            w.Line("        IsOneway = false,");
            w.Line($"        Codecs = {R}MethodCodecs.Empty.With(new {I}IceOperation<{args}, {reply}>({Naming.Literal(m.Name)}, {I}IceOperationMode.{mode}, {Writer(m, true)}, {Reader(m, true)}, {Writer(m, false)}, {Reader(m, false)})");
            w.Line("        {");
            w.Line($"            Format = {I}IceFormat.{format},");
            w.Line($"            InterfaceTypeIds = [{idList}],");
            w.Line($"            InterfaceTypeId = {Naming.Literal(IceNames.TypeId(_def.FullName))},");
            w.Line($"            DeclaredExceptions = {declared},");
            w.Line("        }),");
            w.Line("    };");
            w.Line();
        }
        w.Close();
    }

    private string Writer(MethodDef m, bool args) =>
        (args ? Ins(m).Any() : Results(m).Any()) ? $"{Op(m)}{(args ? "Args" : "Reply")}.Write" : "static (_, _) => { }";

    private string Reader(MethodDef m, bool args) =>
        (args ? Ins(m).Any() : Results(m).Any()) ? $"{Op(m)}{(args ? "Args" : "Reply")}.Read" : $"static input => {{ input.SkipOptionals(); return {I}IceVoid.Instance; }}";

    private bool Format(MethodDef m)
    {
        bool Sliced(SchemaElement e) => e.FindOption("format:sliced") != null;
        return Sliced(m) || (m.FindOption("format:compact") == null && m.Service != null && Sliced(m.Service));
    }

    private void WireClass(CodeWriter w, string className, IEnumerable<FieldDef> fields, System.Func<FieldDef, string> prop)
    {
        var list = fields.ToList();
        var classes = list.Any(f => IceTypes.UsesClasses(f.Type));
        w.Open($"internal sealed class {className}");
        foreach (var f in list)
        {
            var init = !f.IsTagged && f.Type.IsScalar(ScalarType.String) ? " = \"\";" : (!f.IsTagged && !IceTypes.IsValueType(f.Type) && !IceTypes.IsClass(f.Type) ? " = default!;" : "");
            w.Line($"public {ParamType(f)} {prop(f)} {{ get; set; }}{init}");
        }
        w.Line();
        w.Open($"public static void Write({I}IceOutputStream output, {className} value)");
        _code.WriteAll(w, list, f => "value." + prop(f));
        if (classes)
        {
            w.Line("output.WritePendingValues();");
        }
        w.Close();
        w.Line();
        w.Open($"public static {className} Read({I}IceInputStream input)");
        w.Line($"var value = new {className}();");
        _code.ReadAll(w, list, f => "value." + prop(f));
        if (classes)
        {
            w.Line("input.ReadPendingValues();");
        }
        w.Line("input.SkipOptionals();");
        w.Line("return value;");
        w.Close();
        w.Close();
        w.Line();
    }

    private static void AddIds(ServiceDef s, SortedSet<string> ids, HashSet<ServiceDef> seen)
    {
        if (!seen.Add(s))
        {
            return;
        }
        ids.Add(IceNames.TypeId(s.FullName));
        foreach (var b in s.Bases)
        {
            AddIds(b, ids, seen);
        }
    }

    private string[] Names(MethodDef m, string extra) => Ins(m).Select(p => IceNames.Parameter(p.Name, extra)).ToArray();

    private void EmitServer(CodeWriter w)
    {
        w.Doc(_def.Documentation);
        w.Line($"/// <summary>Derive from this to implement {_def.FullName}; every operation (inherited ones included) is abstract.</summary>");
        w.Open($"public abstract class {_name}Base : {R}IBindableService");
        foreach (var m in _methods)
        {
            var names = Names(m, "context");
            var parameters = Ins(m).Select((p, i) => $"{ParamType(p)} {names[i]}").Concat(new[] { R + "ServerCallContext context" });
            w.Doc(m.Documentation);
            w.Line($"public abstract {TaskType(m)} {Op(m)}Async({string.Join(", ", parameters)});");
            w.Line();
        }
        w.Line("/// <summary>Every operation bound under the interface's name.</summary>");
        w.Open($"public {R}ServiceDefinition BindService()");
        w.Line($"return {R}ServiceDefinition.CreateBuilder({Naming.Literal(_def.FullName)})");
        foreach (var m in _methods)
        {
            w.Line($"    .AddMethod({_holder}.{Op(m)}, Ice{Op(m)})");
        }
        w.Line("    .Build();");
        w.Close();
        foreach (var m in _methods)
        {
            w.Line();
            w.Open($"private async {Tasks}Task<{ReplyType(m)}> Ice{Op(m)}({ArgsType(m)} args, {R}ServerCallContext context)");
            var call = $"{Op(m)}Async({string.Join(", ", Ins(m).Select(p => "args." + Prop(p)).Concat(new[] { "context" }))})";
            if (!Results(m).Any())
            {
                w.Line($"await {call}.ConfigureAwait(false);");
                w.Line($"return {I}IceVoid.Instance;");
            }
            else if (!Outs(m).Any())
            {
                w.Line($"return new {ReplyType(m)} {{ ReturnValue = await {call}.ConfigureAwait(false) }};");
            }
            else
            {
                w.Line($"var result = await {call}.ConfigureAwait(false);");
                var init = Results(m).Select(f => $"{ReplyProp(f)} = result.{(f.IsOut ? Naming.Escape(Naming.ToPascalCase(f.Name)) : "ReturnValue")}");
                w.Line($"return new {ReplyType(m)} {{ {string.Join(", ", init)} }};");
            }
            w.Close();
        }
        w.Close();
    }

    private void EmitClient(CodeWriter w)
    {
        w.Line($"/// <summary>Calls {_def.FullName} through any Steward transport; a declared user exception is thrown as itself.</summary>");
        w.Open($"public sealed class {_name}Prx : {R}ClientBase");
        w.Line($"/// <summary>A proxy whose calls go through <paramref name=\"callInvoker\"/>.</summary>");
        w.Line($"public {_name}Prx({R}CallInvoker callInvoker) : base(callInvoker) {{ }}");
        foreach (var m in _methods)
        {
            var names = Names(m, "options");
            var parameters = Ins(m).Select((p, i) => $"{ParamType(p)} {names[i]}").Concat(new[] { R + "CallOptions options = default" });
            w.Line();
            w.Doc(m.Documentation);
            w.Open($"public async {TaskType(m)} {Op(m)}Async({string.Join(", ", parameters)})");
            var args = Ins(m).Any()
                ? $"new {ArgsType(m)} {{ {string.Join(", ", Ins(m).Select((p, i) => $"{Prop(p)} = {names[i]}"))} }}"
                : I + "IceVoid.Instance";
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
                var values = (m.ReturnValue != null ? new[] { "__reply.ReturnValue" } : new string[0]).Concat(Outs(m).Select(o => "__reply." + ReplyProp(o)));
                w.Line($"return new {RecordName(m)}({string.Join(", ", values)});");
            }
            w.Close();
        }
        w.Close();
    }
}
