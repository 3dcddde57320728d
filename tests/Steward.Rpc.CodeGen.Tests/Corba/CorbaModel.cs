using System.Runtime.CompilerServices;
using Steward.Rpc.Schema;
using Steward.Rpc.Schema.OmgIdl;

namespace Steward.Rpc.CodeGen.Tests.Corba;

/// <summary>
/// Schema models of OMG IDL built by hand, as the front-end would link them: they test the emitter on its own
/// (the contract's constructs, and those the contract lacks: bounds, multi-dimensional arrays, other
/// discriminators, inheritance, constants, names that are C# keywords).
/// </summary>
internal sealed class CorbaModel
{
    private static readonly SourceLocation At = SourceLocation.None;

    public CorbaModel(string path = "model.idl")
    {
        File = new SchemaFile(path, OmgIdlSyntax.OmgIdl);
        Set.Files.Add(File);
        Set.RootFiles.Add(File);
    }

    private CorbaModel(SchemaSet set, SchemaFile file)
    {
        Set = set;
        File = file;
    }

    public SchemaSet Set { get; } = new();

    public SchemaFile File { get; }

    public static TypeRef S(ScalarType scalar) => TypeRef.ForScalar(scalar);

    public static TypeRef T(TypeDef def) => TypeRef.ForDefinition(def);

    public static TypeRef Seq(TypeRef element, int? bound = null) => bound is int b ? TypeRef.BoundedList(element, b, At) : TypeRef.List(element, At);

    public static TypeRef Arr(TypeRef element, int length) => TypeRef.Array(element, length, At);

    public static TypeRef Str(int bound) => TypeRef.BoundedString(ScalarType.String, bound, At);

    public static TypeRef ObjRef(ServiceDef? service)
    {
        var type = TypeRef.Proxy(service?.FullName, At);
        if (service != null)
        {
            type.ResolveProxy(service);
        }
        return type;
    }

    private static string Id(string fullName) => "IDL:" + fullName.Replace('.', '/') + ":1.0";

    public EnumDef Enum(string fullName, params string[] values)
    {
        var def = new EnumDef(Last(fullName), At) { FullName = fullName, File = File, RepositoryId = Id(fullName) };
        for (var i = 0; i < values.Length; i++)
        {
            def.Values.Add(new EnumValueDef(values[i], i, At) { Owner = def, FullName = fullName + "." + values[i] });
        }
        File.Enums.Add(def);
        Set.TryAddType(def);
        return def;
    }

    public MessageDef Struct(string fullName, params (string Name, TypeRef Type)[] fields) => Message(MessageKind.Struct, fullName, fields);

    public MessageDef Exception(string fullName, params (string Name, TypeRef Type)[] fields) => Message(MessageKind.Exception, fullName, fields);

    /// <summary>A union; each member's labels are integers, chars (one-character strings), booleans or enumerator names; "default" marks the default member.</summary>
    public MessageDef Union(string fullName, TypeRef discriminator, params (string Name, TypeRef Type, object[] Labels)[] members)
    {
        var def = Message(MessageKind.Union, fullName, []);
        def.Discriminator = discriminator;
        for (var i = 0; i < members.Length; i++)
        {
            var field = new FieldDef(members[i].Name, i, members[i].Type, At) { Owner = def };
            foreach (var label in members[i].Labels)
            {
                switch (label)
                {
                    case "default":
                        field.IsDefaultCase = true;
                        break;
                    case bool b:
                        field.CaseLabels.Add(ConstantValue.FromBool(b, At));
                        break;
                    case char c:
                        field.CaseLabels.Add(ConstantValue.FromString(c.ToString(), At));
                        break;
                    case string name:
                        field.CaseLabels.Add(ConstantValue.FromIdentifier(name, At));
                        break;
                    default:
                        var n = Convert.ToInt64(label, System.Globalization.CultureInfo.InvariantCulture);
                        field.CaseLabels.Add(ConstantValue.FromInteger((ulong)Math.Abs(n), n < 0, At));
                        break;
                }
            }
            def.Fields.Add(field);
        }
        return def;
    }

    private MessageDef Message(MessageKind kind, string fullName, (string Name, TypeRef Type)[] fields)
    {
        var def = new MessageDef(Last(fullName), At) { Kind = kind, FullName = fullName, File = File, RepositoryId = Id(fullName) };
        for (var i = 0; i < fields.Length; i++)
        {
            def.Fields.Add(new FieldDef(fields[i].Name, i, fields[i].Type, At) { Owner = def });
        }
        File.Messages.Add(def);
        Set.TryAddType(def);
        return def;
    }

    public void Constant(string fullName, TypeRef type, ConstantValue value) =>
        File.Constants.Add(new ConstantDef(Last(fullName), type, value, At) { FullName = fullName });

    public ServiceDef Interface(string fullName, params ServiceDef[] bases)
    {
        var def = new ServiceDef(Last(fullName), At) { FullName = fullName, File = File, RepositoryId = Id(fullName) };
        foreach (var b in bases)
        {
            def.BaseNames.Add(b.FullName);
            def.Bases.Add(b);
        }
        File.Services.Add(def);
        Set.TryAddService(def);
        return def;
    }

    /// <summary>An operation; parameters are "in name", "out name" or "inout name".</summary>
    public static MethodDef Op(ServiceDef service, string name, TypeRef? returns, params (string Param, TypeRef Type)[] parameters) =>
        Op(service, name, returns, [], parameters);

    public static MethodDef Op(ServiceDef service, string name, TypeRef? returns, MessageDef[] raises, params (string Param, TypeRef Type)[] parameters)
    {
        var method = new MethodDef(name, At) { Service = service, FullName = service.FullName + "." + name };
        if (returns != null)
        {
            method.ReturnValue = new FieldDef("returnValue", -1, returns, At);
        }
        for (var i = 0; i < parameters.Length; i++)
        {
            var (direction, paramName) = (parameters[i].Param.Split(' ')[0], parameters[i].Param.Split(' ')[1]);
            method.Parameters.Add(new FieldDef(paramName, i, parameters[i].Type, At) { IsOut = direction == "out", IsInOut = direction == "inout" });
        }
        foreach (var e in raises)
        {
            method.Throws.Add(new FieldDef(e.Name, method.Throws.Count, T(e), At));
        }
        service.Methods.Add(method);
        return method;
    }

    /// <summary>An attribute's accessors: <c>_get_name</c>, and <c>_set_name</c> unless read-only.</summary>
    public static void Attribute(ServiceDef service, string name, TypeRef type, bool readOnly = false)
    {
        var get = Op(service, "_get_" + name, type);
        get.Accessor = AttributeAccessor.Get;
        get.AttributeName = name;
        if (!readOnly)
        {
            var set = Op(service, "_set_" + name, null, ("in value", type));
            set.Accessor = AttributeAccessor.Set;
            set.AttributeName = name;
        }
    }

    private static string Last(string fullName) => fullName[(fullName.LastIndexOf('.') + 1)..];

    /// <summary>The contract (testassets/corba/StewardTest.idl, the repository's copy of the shared one) compiled by the OMG IDL front-end.</summary>
    public static CorbaModel Contract()
    {
        var path = Path.Combine(RepoRoot(), "testassets", "corba", "StewardTest.idl");
        var set = SchemaCompiler.Compile([path], new DirectoryFileSource([]));
        Assert.False(set.Diagnostics.HasErrors, string.Join("\n", set.Diagnostics.Items));
        return new CorbaModel(set, set.RootFiles.Single());
    }

    /// <summary>OMG IDL text compiled by the front-end (no errors allowed).</summary>
    public static CorbaModel FromIdl(string text)
    {
        var set = SchemaCompiler.Compile(["test.idl"], new InMemoryFileSource().Add("test.idl", text));
        Assert.False(set.Diagnostics.HasErrors, string.Join("\n", set.Diagnostics.Items));
        return new CorbaModel(set, set.RootFiles.Single());
    }

    private static string RepoRoot([CallerFilePath] string path = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));

    /// <summary>What the contract lacks: bounds, nested arrays, enum/char/bool discriminators, inheritance, constants, keywords.</summary>
    public static CorbaModel Extra()
    {
        var m = new CorbaModel("Extra.idl");
        var shade = m.Enum("Extra.Shade", "Light", "Dark", "Unknown");
        var pair = m.Struct("Extra.Pair", ("name", Str(4)), ("values", Seq(S(ScalarType.Int32), 3)), ("grid", Arr(Arr(S(ScalarType.Int16), 3), 2)),
            ("tags", Arr(S(ScalarType.String), 2)), ("blob", Seq(S(ScalarType.Byte), 2)), ("wide", S(ScalarType.WString)), ("w", S(ScalarType.WChar)),
            ("obj", ObjRef(null)), ("class", S(ScalarType.Int32)));
        m.Union("Extra.ByShade", T(shade), ("light", S(ScalarType.String), ["Light"]), ("dark", S(ScalarType.Int32), ["Extra.Dark"]));
        m.Union("Extra.ByChar", S(ScalarType.Char), ("a", S(ScalarType.Int32), ['a', 'b']), ("other", T(pair), ["default"]));
        m.Union("Extra.ByBool", S(ScalarType.Bool), ("yes", S(ScalarType.String), [true]), ("no", Seq(S(ScalarType.Int32)), [false]));
        m.Union("Extra.Sparse", S(ScalarType.Int16), ("one", S(ScalarType.Int16), [1, -1]));
        m.Constant("Extra.Answer", S(ScalarType.Int32), ConstantValue.FromInteger(42, false, At));
        m.Constant("Extra.Big", S(ScalarType.UInt64), ConstantValue.FromInteger(ulong.MaxValue, false, At));
        m.Constant("Extra.Min", S(ScalarType.Int64), ConstantValue.FromInteger(9223372036854775808UL, true, At));
        m.Constant("Extra.Greeting", S(ScalarType.String), ConstantValue.FromString("hi\n", At));
        m.Constant("Extra.Letter", S(ScalarType.Char), ConstantValue.FromString("'", At));
        m.Constant("Extra.Ratio", S(ScalarType.Double), ConstantValue.FromFloat(0.5, At));
        m.Constant("Extra.Default", T(shade), ConstantValue.FromIdentifier("::Extra::Dark", At));
        var fault = m.Exception("Extra.Fault", ("message", S(ScalarType.String)), ("data", Seq(S(ScalarType.Int32))));
        var top = m.Interface("Extra.Top");
        Op(top, "topOp", S(ScalarType.Int32), [fault], ("in class", S(ScalarType.Int32)), ("in context", S(ScalarType.String)));
        var left = m.Interface("Extra.Left", top);
        Op(left, "leftOp", null, ("inout p", T(pair)));
        var right = m.Interface("Extra.Right", top);
        Op(right, "rightOp", null, ("out s", Str(2)));
        var bottom = m.Interface("Extra.Bottom", left, right);
        Op(bottom, "getValue", S(ScalarType.Int32));
        Attribute(bottom, "value", S(ScalarType.Int32));
        return m;
    }
}
