using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Tests.Thrift;

/// <summary>The generator's text for options and naming rules the compiled .thrift files of this project do not cover.</summary>
public class ThriftGeneratorOutputTests
{
    private static string Generate(string thrift, CodeGenOptions? options = null, string path = "my-api.thrift")
    {
        var set = SchemaCompiler.Compile([path], new InMemoryFileSource().Add(path, thrift));
        Assert.False(set.Diagnostics.HasErrors, string.Join("\n", set.Diagnostics.Items));
        return Assert.Single(CSharpGenerator.Generate(set, set.RootFiles.Single(), options ?? new CodeGenOptions())).Content;
    }

    private const string Body = """
        /** A documented <struct> & more. */
        struct Msg { 1: i32 value }
        service Svc { Msg call(1: Msg m) }
        """;

    [Fact]
    public void Namespace_is_netstd_then_csharp_then_star_then_the_program_name()
    {
        Assert.Contains("namespace A.B", Generate("namespace * X.Y\nnamespace csharp C.D\nnamespace netstd A.B\n" + Body));
        Assert.Contains("namespace C.D", Generate("namespace * X.Y\nnamespace csharp C.D\nnamespace py p\n" + Body));
        Assert.Contains("namespace X.Y", Generate("namespace * X.Y\nnamespace java j\n" + Body));
        // The program is the file's base name; characters C# does not allow become underscores.
        var text = Generate(Body);
        Assert.Contains("namespace my_api", text);
        Assert.Contains("namespace Over.Ride", Generate("namespace netstd A.B\n" + Body, new CodeGenOptions { Namespace = "Over.Ride" }));
    }

    [Fact]
    public void Constants_live_in_a_class_named_after_the_program()
    {
        var text = Generate("namespace netstd N\nconst i32 MAX_SIZE = 3\n", path: "limits.thrift");
        Assert.Contains("public static partial class limitsConstants", text);
        Assert.Contains("public static readonly int MaxSize = 3;", text);
    }

    [Fact]
    public void Internal_access_and_service_selection_are_honoured()
    {
        var text = Generate(Body, new CodeGenOptions { InternalAccess = true, GenerateClients = false });
        Assert.Contains("internal sealed partial class Msg", text);
        Assert.Contains("internal static partial class Svc", text);
        Assert.Contains("SvcBase", text);
        Assert.DoesNotContain("SvcClient", text);
        Assert.DoesNotContain("class Svc", Generate(Body, new CodeGenOptions { GenerateClients = false, GenerateServers = false }));
    }

    [Fact]
    public void Documentation_comments_become_xml_docs()
    {
        Assert.Contains("/// A documented &lt;struct&gt; &amp; more.", Generate(Body));
    }

    [Fact]
    public void Wire_names_stay_as_declared_while_members_are_PascalCase()
    {
        var text = Generate("namespace netstd N\nstruct snake_case { 1: i32 some_field }\nservice lower { void do_it(1: i32 the_arg) }\n");
        Assert.Contains("public sealed partial class snake_case", text);
        Assert.Contains("public int? SomeField { get; set; }", text);
        Assert.Contains("writer.WriteFieldBegin(\"some_field\", global::Steward.Rpc.Thrift.ThriftType.I32, 1);", text);
        Assert.Contains("public const string ServiceName = \"lower\";", text);
        Assert.Contains("ServiceName, \"do_it\",", text);
        Assert.Contains("Task DoIt(int the_arg, global::Steward.Rpc.ServerCallContext context)", text);
        Assert.Contains("Task DoItAsync(int the_arg, global::Steward.Rpc.CallOptions options = default)", text);
    }
}
