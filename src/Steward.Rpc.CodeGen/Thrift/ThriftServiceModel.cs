using System.Collections.Generic;
using System.Linq;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Thrift;

/// <summary>One method's C# names and wrapper structs, as the service declaring it generates them.</summary>
internal sealed class ThriftMethodModel
{
    public ThriftMethodModel(MethodDef def, ServiceDef declaringService, ThriftStructModel args, ThriftStructModel result)
    {
        Def = def;
        DeclaringService = declaringService;
        Args = args;
        Result = result;
    }

    public MethodDef Def { get; }
    public ServiceDef DeclaringService { get; }
    public ThriftStructModel Args { get; }
    public ThriftStructModel Result { get; }
    /// <summary>The virtual server method (declared in the declaring service's base class).</summary>
    public string Server { get; set; } = "";
    public bool IsVoid => Def.OutputType.IsScalar(ScalarType.Void);
    /// <summary>The result struct has field 0 <c>success</c> (first in <see cref="ThriftStructModel.Fields"/>).</summary>
    public bool HasSuccess => !IsVoid && !Def.IsOneway;
    /// <summary>The result fields holding declared exceptions.</summary>
    public IEnumerable<ThriftFieldModel> Throws => Result.Fields.Skip(HasSuccess ? 1 : 0);
}

/// <summary>
/// The names a service's generated code uses. A service that <c>extends</c> another inherits its
/// methods: the child's server base derives from the parent's (the virtual methods are the
/// parent's), while the child's descriptors and client cover every method under the child's name.
/// </summary>
internal sealed class ThriftServiceModel
{
    private static readonly string[] ObjectMembers = { "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals" };

    private ThriftServiceModel(ServiceDef def, ThriftServiceModel? parent)
    {
        Def = def;
        Parent = parent;
        ClassName = Naming.Escape(ThriftNames.Identifier(def.Name));
        var simple = ClassName.TrimStart('@');
        BaseClass = simple + "Base";
        ClientClass = simple + "Client";
        var holder = new MemberNames(ObjectMembers.Concat(new[] { simple, BaseClass, ClientClass, "ServiceName" }));
        var inheritedServer = parent?.ServerNames() ?? new List<string>();
        var server = new MemberNames(ObjectMembers.Concat(new[] { BaseClass, "BindService" }).Concat(inheritedServer));
        foreach (var method in def.Methods)
        {
            var args = new ThriftStructModel(holder.Claim(ThriftNames.Identifier(method.Name + "_args")), method.Name + "_args", MessageKind.Struct, method.Parameters, null);
            var resultFields = new List<FieldDef>();
            if (!method.IsOneway && !method.OutputType.IsScalar(ScalarType.Void))
            {
                resultFields.Add(new FieldDef("success", 0, method.OutputType, method.Location) { Label = FieldLabel.Optional });
            }
            resultFields.AddRange(method.Throws);
            var result = new ThriftStructModel(holder.Claim(ThriftNames.Identifier(method.Name + "_result")), method.Name + "_result", MessageKind.Struct, resultFields, null);
            Own.Add(new ThriftMethodModel(method, def, args, result) { Server = Naming.Escape(server.Claim(ThriftNames.Member(method.Name))) });
        }
        // Every method this service serves, each once: its own first, then inherited ones it does not redeclare.
        var seen = new HashSet<string>();
        foreach (var m in Own.Concat(parent?.All ?? new List<ThriftMethodModel>()))
        {
            if (seen.Add(m.Def.Name))
            {
                All.Add(m);
            }
        }
        var client = new MemberNames(ObjectMembers.Concat(new[] { ClientClass, "CallInvoker" }));
        var adapters = new MemberNames(new string[0]);
        foreach (var m in All)
        {
            Descriptors[m] = Naming.Escape(holder.Claim(ThriftNames.Member(m.Def.Name) + "Method"));
            ClientMethods[m] = Naming.Escape(client.Claim(ThriftNames.Member(m.Def.Name) + "Async"));
            Adapters[m] = adapters.Claim("__" + m.Server.TrimStart('@'));
        }
    }

    /// <summary>The model of <paramref name="def"/>, its ancestors linked (a cycle is cut where it closes).</summary>
    public static ThriftServiceModel For(ServiceDef def) => For(def, new HashSet<ServiceDef>());

    private static ThriftServiceModel For(ServiceDef def, HashSet<ServiceDef> visiting)
    {
        visiting.Add(def);
        var parent = def.Extends != null && !visiting.Contains(def.Extends) ? For(def.Extends, visiting) : null;
        return new ThriftServiceModel(def, parent);
    }

    private List<string> ServerNames()
    {
        var names = Own.Select(m => m.Server.TrimStart('@')).ToList();
        if (Parent != null)
        {
            names.AddRange(Parent.ServerNames());
        }
        return names;
    }

    public ServiceDef Def { get; }
    public ThriftServiceModel? Parent { get; }
    public string ClassName { get; }
    public string BaseClass { get; }
    public string ClientClass { get; }
    /// <summary>Methods declared by this service.</summary>
    public List<ThriftMethodModel> Own { get; } = new();
    /// <summary>Methods served and called through this service, inherited ones included.</summary>
    public List<ThriftMethodModel> All { get; } = new();
    public Dictionary<ThriftMethodModel, string> Descriptors { get; } = new();
    public Dictionary<ThriftMethodModel, string> ClientMethods { get; } = new();
    /// <summary>Private methods of the base class turning args into a call and the outcome into a result.</summary>
    public Dictionary<ThriftMethodModel, string> Adapters { get; } = new();
}
