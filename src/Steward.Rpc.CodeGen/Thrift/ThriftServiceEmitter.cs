using System.Collections.Generic;
using System.Linq;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Thrift;

/// <summary>
/// A Thrift service → <c>static partial class &lt;Service&gt;</c> holding <c>ServiceName</c>, the
/// <c>&lt;method&gt;_args</c>/<c>&lt;method&gt;_result</c> structs, one unary <c>Method</c> descriptor per
/// method (Thrift struct marshallers and a ThriftMethodCodec), the abstract <c>&lt;Service&gt;Base</c>
/// whose methods take and return C# values, and the <c>&lt;Service&gt;Client</c>.
/// </summary>
internal sealed class ThriftServiceEmitter
{
    private const string R = ThriftNames.R;
    private const string Th = ThriftNames.Th;
    private const string Tasks = "global::System.Threading.Tasks.";

    private readonly ThriftServiceModel _model;
    private readonly ThriftNames _names;
    private readonly CodeGenOptions _options;
    private readonly string _access;

    public ThriftServiceEmitter(ServiceDef service, ThriftNames names, CodeGenOptions options, string access)
    {
        _model = ThriftServiceModel.For(service);
        _names = names;
        _options = options;
        _access = access;
    }

    /// <summary><c>global::Ns.Service</c> of the service declaring a method (its args/result structs and base live there).</summary>
    private string Holder(ServiceDef service)
    {
        var ns = _names.NamespaceOf(service.File ?? _names.File);
        return "global::" + (ns.Length > 0 ? ns + "." : "") + Naming.Escape(ThriftNames.Identifier(service.Name));
    }

    private string ArgsType(ThriftMethodModel m) => Holder(m.DeclaringService) + "." + m.Args.ClassName;
    private string ResultType(ThriftMethodModel m) => Holder(m.DeclaringService) + "." + m.Result.ClassName;

    private string ReturnType(ThriftMethodModel m) =>
        m.IsVoid || m.Def.IsOneway ? Tasks + "Task" : $"{Tasks}Task<{_names.CsType(m.Def.OutputType)}>";

    /// <summary>A parameter's C# type: value types plain (absent → the default), reference types nullable unless required.</summary>
    private string ParameterType(ThriftFieldModel f) =>
        _names.CsType(f.Type) + (f.Required || ThriftNames.IsValueType(f.Type) ? "" : "?");

    /// <summary>C# parameter names, as declared but never clashing with the trailing context/options parameter.</summary>
    private static List<string> ParameterNames(ThriftMethodModel m, string trailing)
    {
        var names = new MemberNames(new[] { trailing });
        return m.Args.Fields.Select(f => Naming.Escape(names.Claim(ThriftNames.Identifier(f.Def.Name)))).ToList();
    }

    public void Emit(CodeWriter w)
    {
        w.Doc(_model.Def.Documentation);
        w.Open($"{_access} static partial class {_model.ClassName}");
        w.Line("/// <summary>The service name as declared: Thrift's multiplexed protocol sends it before each method name.</summary>");
        w.Line($"public const string ServiceName = {Naming.Literal(_model.Def.Name)};");
        w.Line();
        foreach (var m in _model.Own)
        {
            new ThriftStructEmitter(m.Args, _names, "public").Emit(w);
            w.Line();
            new ThriftStructEmitter(m.Result, _names, "public").Emit(w);
            w.Line();
        }
        foreach (var m in _model.All)
        {
            var args = ArgsType(m);
            var result = ResultType(m);
            w.Doc(m.Def.Documentation);
            w.Line($"public static readonly {R}Method<{args}, {result}> {_model.Descriptors[m]} =");
            w.Line($"    new({R}MethodType.Unary, ServiceName, {Naming.Literal(m.Def.Name)}, {Th}ThriftStructMarshaller<{args}>.Default, {Th}ThriftStructMarshaller<{result}>.Default)");
            w.Line("    {");
            w.Line($"        IsOneway = {(m.Def.IsOneway ? "true" : "false")},");
            w.Line($"        Codecs = {R}MethodCodecs.Empty.With<{Th}ThriftMethodCodec<{args}, {result}>>({Th}ThriftMethodCodec.ForStructs<{args}, {result}>()),");
            w.Line("    };");
        }
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
        w.Close();
    }

    private void EmitServer(CodeWriter w)
    {
        var parent = _model.Parent;
        var baseType = parent != null ? Holder(parent.Def) + "." + parent.BaseClass : R + "IBindableService";
        w.Line("/// <summary>Derive from this and override the methods the service implements; the rest answer UNIMPLEMENTED.</summary>");
        w.Open($"public abstract partial class {_model.BaseClass} : {baseType}");
        foreach (var m in _model.Own)
        {
            var names = ParameterNames(m, "context");
            var parameters = m.Args.Fields.Select((f, i) => ParameterType(f) + " " + names[i]).Concat(new[] { R + "ServerCallContext context" });
            var unimplemented = $"throw new {R}RpcException(new {R}Status({R}StatusCode.Unimplemented, {Naming.Literal("Method " + m.Def.Name + " is not implemented")}));";
            w.Doc(m.Def.Documentation);
            w.Line($"public virtual {ReturnType(m)} {m.Server}({string.Join(", ", parameters)}) => {unimplemented}");
            w.Line();
        }
        w.Line("/// <summary>Every method of the service (inherited ones included) bound under its name.</summary>");
        w.Open($"public {(parent != null ? "override" : "virtual")} {R}ServiceDefinition BindService()");
        w.Line($"return {R}ServiceDefinition.CreateBuilder(ServiceName)");
        foreach (var m in _model.All)
        {
            w.Line($"    .AddMethod({_model.Descriptors[m]}, {_model.Adapters[m]})");
        }
        w.Line("    .Build();");
        w.Close();
        foreach (var m in _model.All)
        {
            EmitAdapter(w, m);
        }
        w.Close();
    }

    /// <summary>args → the C# call → result: the return value into <c>success</c>, a declared exception into its field.</summary>
    private void EmitAdapter(CodeWriter w, ThriftMethodModel m)
    {
        w.Line();
        w.Open($"private async {Tasks}Task<{ResultType(m)}> {_model.Adapters[m]}({ArgsType(m)} args, {R}ServerCallContext context)");
        w.Line($"var result = new {ResultType(m)}();");
        var arguments = m.Args.Fields.Select(f =>
            f.Nullable && ThriftNames.IsValueType(f.Type) ? $"args.{f.Property}.GetValueOrDefault()"
            : f.Nullable && f.Required ? $"args.{f.Property}!"
            : "args." + f.Property).Concat(new[] { "context" });
        var call = $"{m.Server}({string.Join(", ", arguments)}).ConfigureAwait(false)";
        var throws = m.Throws.ToList();
        if (throws.Count > 0)
        {
            w.Open("try");
        }
        w.Line(m.HasSuccess ? $"result.{m.Result.Fields[0].Property} = await {call};" : $"await {call};");
        if (throws.Count > 0)
        {
            w.Close();
            foreach (var f in throws)
            {
                w.Open($"catch ({_names.CsType(f.Type)} e)");
                w.Line($"result.{f.Property} = e;");
                w.Close();
            }
        }
        w.Line("return result;");
        w.Close();
    }

    private void EmitClient(CodeWriter w)
    {
        w.Line("/// <summary>Calls the service through any Steward transport's <see cref=\"global::Steward.Rpc.CallInvoker\"/>; declared exceptions are thrown as themselves.</summary>");
        w.Open($"public partial class {_model.ClientClass} : {R}ClientBase");
        w.Line($"public {_model.ClientClass}({R}CallInvoker callInvoker) : base(callInvoker) {{ }}");
        foreach (var m in _model.All)
        {
            w.Line();
            var names = ParameterNames(m, "options");
            var parameters = m.Args.Fields.Select((f, i) => ParameterType(f) + " " + names[i]).Concat(new[] { R + "CallOptions options = default" });
            w.Doc(m.Def.Documentation);
            w.Open($"public virtual async {ReturnType(m)} {_model.ClientMethods[m]}({string.Join(", ", parameters)})");
            var init = m.Args.Fields.Select((f, i) => $"{f.Property} = {names[i]}");
            w.Line($"var __args = new {ArgsType(m)} {{ {string.Join(", ", init)} }};");
            w.Line($"using var __call = CallInvoker.AsyncUnaryCall({_model.Descriptors[m]}, __args, options);");
            if (m.Def.IsOneway)
            {
                w.Line("await __call.ResponseAsync.ConfigureAwait(false);");
                w.Close();
                continue;
            }
            w.Line("var __result = await __call.ResponseAsync.ConfigureAwait(false);");
            if (m.HasSuccess)
            {
                w.Open($"if (__result.{m.Result.Fields[0].Property} is {{ }} __success)");
                w.Line("return __success;");
                w.Close();
            }
            foreach (var f in m.Throws)
            {
                w.Open($"if (__result.{f.Property} is {{ }} __{f.Property.TrimStart('@')})");
                w.Line($"throw __{f.Property.TrimStart('@')};");
                w.Close();
            }
            if (m.HasSuccess)
            {
                w.Line($"throw new {Th}ThriftApplicationException({Th}ThriftApplicationExceptionType.MissingResult, {Naming.Literal(m.Def.Name + " failed: unknown result")});");
            }
            w.Close();
        }
        w.Close();
    }
}
