using Steward.Rpc.Schema.Protobuf;
using Steward.Rpc.Schema.Thrift;

namespace Steward.Rpc.Schema.Tests;

public class FrontEndRegistryTests
{
    [Fact]
    public void A_file_no_front_end_claims_is_reported_and_the_others_still_compile()
    {
        var source = new InMemoryFileSource()
            .Add("a.proto", "syntax = \"proto3\";\nmessage A { }\n")
            .Add("b.avsc", "{ \"type\": \"record\", \"name\": \"B\", \"fields\": [] }\n");

        var set = SchemaCompiler.Compile(["a.proto", "b.avsc"], source);

        var error = Assert.Single(set.Diagnostics.Items);
        Assert.Equal(SchemaDiagnostics.UnknownFileType, error.Code);
        Assert.Equal("b.avsc", error.Location.File);
        Assert.Equal("No IDL front-end compiles \"b.avsc\": expected a file ending in .ice, .idl, .proto, .thrift.", error.Message);
        Assert.Equal("a.proto", Assert.Single(set.RootFiles).Path);
    }

    [Fact]
    public void The_default_registry_picks_the_front_end_by_extension_ignoring_case()
    {
        Assert.IsType<ProtoFrontEnd>(FrontEndRegistry.Default.ForPath("x/a.PROTO"));
        Assert.IsType<ThriftFrontEnd>(FrontEndRegistry.Default.ForPath("x/a.thrift"));
        Assert.Null(FrontEndRegistry.Default.ForPath("x/a.proto.txt"));
    }

    [Fact]
    public void Two_front_ends_cannot_claim_one_extension()
    {
        var error = Assert.Throws<ArgumentException>(() => FrontEndRegistry.Default.With(new ProtoFrontEnd()));
        Assert.Contains("'.proto'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntaxes_are_equal_by_name()
    {
        Assert.Equal(IdlSyntax.Proto3, new IdlSyntax("Proto3"));
        Assert.True(IdlSyntax.Thrift != IdlSyntax.Proto2);
        Assert.Equal("Thrift", IdlSyntax.Thrift.ToString());
    }
}
