using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Tests;

/// <summary>The generator's text for options that the compiled protos of this project do not cover.</summary>
public class GeneratorOutputTests
{
    private static string Generate(string proto, CodeGenOptions? options = null)
    {
        var set = SchemaCompiler.Compile(["test.proto"], new InMemoryFileSource().Add("test.proto", proto));
        Assert.False(set.Diagnostics.HasErrors, string.Join("\n", set.Diagnostics.Items));
        var file = set.RootFiles.Single();
        return Assert.Single(CSharpGenerator.Generate(set, file, options ?? new CodeGenOptions())).Content;
    }

    private const string Proto = """
        syntax = "proto3";
        package my_company.foo_bar.v1;
        message Msg { int32 value = 1; }
        service Svc { rpc Call(Msg) returns (Msg); }
        """;

    [Fact]
    public void Namespace_comes_from_the_package_in_PascalCase()
    {
        Assert.Contains("namespace MyCompany.FooBar.V1", Generate(Proto));
    }

    [Fact]
    public void Namespace_comes_from_csharp_namespace_when_given_and_the_override_beats_both()
    {
        var withOption = Proto.Replace("message Msg", "option csharp_namespace = \"Custom.Ns\";\nmessage Msg", StringComparison.Ordinal);
        Assert.Contains("namespace Custom.Ns", Generate(withOption));
        Assert.Contains("namespace Override.Here", Generate(withOption, new CodeGenOptions { Namespace = "Override.Here" }));
    }

    [Fact]
    public void Internal_access_and_service_selection_are_honoured()
    {
        var text = Generate(Proto, new CodeGenOptions { InternalAccess = true, GenerateClients = false });
        Assert.Contains("internal sealed partial class Msg", text);
        Assert.Contains("SvcBase", text);
        Assert.DoesNotContain("SvcClient", text);
        Assert.DoesNotContain("static partial class Svc", Generate(Proto, new CodeGenOptions { GenerateClients = false, GenerateServers = false }));
    }

    [Fact]
    public void Well_known_types_are_referenced_from_the_runtime_not_emitted()
    {
        var text = Generate("""
            syntax = "proto3";
            import "google/protobuf/timestamp.proto";
            message Event { google.protobuf.Timestamp at = 1; }
            """);
        Assert.Contains("global::Steward.Rpc.Protobuf.WellKnownTypes.Timestamp? At", text);
        Assert.DoesNotContain("class Timestamp", text);
    }

    [Fact]
    public void Documentation_comments_become_xml_docs()
    {
        var text = Generate("""
            syntax = "proto3";
            // A <tagged> & commented message.
            message Doc { int32 x = 1; }
            """);
        Assert.Contains("/// A &lt;tagged&gt; &amp; commented message.", text);
    }
}
