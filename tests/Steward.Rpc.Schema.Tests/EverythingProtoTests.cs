using static Steward.Rpc.Schema.Tests.TestSupport;

namespace Steward.Rpc.Schema.Tests;

/// <summary>The rich TestData/everything/everything.proto parses into the model the generators rely on.</summary>
public class EverythingProtoTests
{
    private static readonly Lazy<SchemaSet> Set = new(() => CompileTestData("everything/everything.proto"));

    [Fact]
    public void Compiles_with_no_diagnostics()
    {
        AssertClean(Set.Value);
        var root = Root(Set.Value);
        Assert.Equal("everything/everything.proto", root.Path);
        Assert.Equal(IdlSyntax.Proto3, root.Syntax);
        Assert.Equal("steward.test", root.Package);
        Assert.False(root.IsWellKnown);
    }

    [Fact]
    public void Imports_load_before_their_importers_and_wkts_are_marked()
    {
        var files = Set.Value.Files.Select(f => f.Path).ToList();
        Assert.True(files.IndexOf("google/protobuf/descriptor.proto") < files.IndexOf("everything/options.proto"));
        Assert.True(files.IndexOf("everything/dep/types.proto") < files.IndexOf("everything/reexport.proto"));
        Assert.Equal("everything/everything.proto", files[^1]);
        Assert.True(Set.Value.Files.Single(f => f.Path == "google/protobuf/timestamp.proto").IsWellKnown);
        var imports = Root(Set.Value).Imports;
        Assert.Equal(5, imports.Count);
        Assert.True(imports[4].IsWeak);
        Assert.All(imports, i => Assert.NotNull(i.File));
    }

    [Fact]
    public void All_fifteen_scalars_have_their_types_and_json_names()
    {
        var scalars = Message(Set.Value, "steward.test.Scalars");
        var expected = new[]
        {
            ScalarType.Double, ScalarType.Float, ScalarType.Int32, ScalarType.Int64, ScalarType.UInt32, ScalarType.UInt64,
            ScalarType.SInt32, ScalarType.SInt64, ScalarType.Fixed32, ScalarType.Fixed64, ScalarType.SFixed32, ScalarType.SFixed64,
            ScalarType.Bool, ScalarType.String, ScalarType.Bytes,
        };
        Assert.Equal(expected, scalars.Fields.Select(f => f.Type.Scalar));
        Assert.Equal(Enumerable.Range(1, 15), scalars.Fields.Select(f => f.Number));
        Assert.All(scalars.Fields, f => Assert.Equal(FieldLabel.Singular, f.Label));
        Assert.Equal("fDouble", scalars.Fields[0].JsonName);
        Assert.Equal("steward.test.Scalars.f_double", scalars.Fields[0].FullName);
        Assert.Same(scalars, scalars.Fields[0].Owner);
        Assert.Equal("All fifteen scalar types.", scalars.Documentation);
    }

    [Fact]
    public void Repeated_scalars_and_enums_are_packed_unless_packed_false()
    {
        var m = Message(Set.Value, "steward.test.Repeats");
        Assert.True(Field(m, "packed_ints").IsPacked);
        Assert.False(Field(m, "unpacked_ints").IsPacked);
        Assert.False(Field(m, "names").IsPacked);
        Assert.True(Field(m, "colors").IsPacked);
        Assert.False(Field(m, "items").IsPacked);
        Assert.False(Field(m, "blobs").IsPacked);
        Assert.Equal(6, Field(m, "blobs").Number);
        Assert.Equal(7, Field(m, "doubles").Number);
        Assert.All(m.Fields, f => Assert.Equal(FieldLabel.Repeated, f.Label));
        Assert.Equal(TypeKind.Enum, Field(m, "colors").Type.Kind);
        Assert.Same(Enum(Set.Value, "steward.test.Color"), Field(m, "colors").Type.Definition);
    }

    [Fact]
    public void Enum_has_aliases_negative_values_reserved_ranges_and_value_options()
    {
        var color = Enum(Set.Value, "steward.test.Color");
        Assert.True(color.AllowAlias);
        Assert.Equal(new[] { 0, 1, 1, 2, -3 }, color.Values.Select(v => v.Number));
        Assert.Equal("steward.test.RED", color.Values[1].FullName);
        Assert.Same(color, color.Values[1].Owner);
        Assert.Equal("(steward.test.opts.label)", color.Values[1].Options[0].Name);
        Assert.Equal("Red", color.Values[1].Options[0].Value.Text);
        Assert.Equal("deprecated", color.Values[1].Options[1].Name);
        Assert.Equal(2, color.ReservedRanges.Count);
        Assert.Equal((10, 20), (color.ReservedRanges[0].Start, color.ReservedRanges[0].End));
        Assert.Equal((100, int.MaxValue), (color.ReservedRanges[1].Start, color.ReservedRanges[1].End));
        Assert.Equal(new[] { "PURPLE", "MAUVE" }, color.ReservedNames);
        Assert.Equal("palette", color.FindOption("(steward.test.opts.enum_tag)")!.Value.Text);
    }

    [Fact]
    public void Nested_types_resolve_through_every_scoping_form()
    {
        var outer = Message(Set.Value, "steward.test.Outer");
        var inner = Message(Set.Value, "steward.test.Outer.Inner");
        var deepest = Message(Set.Value, "steward.test.Outer.Inner.Deepest");
        Assert.Same(outer, inner.Parent);
        Assert.Same(inner, deepest.Parent);
        Assert.Same(inner, Field(outer, "inner").Type.Definition);
        Assert.Same(deepest, Field(outer, "deepest").Type.Definition);
        Assert.Same(Enum(Set.Value, "steward.test.Outer.Kind"), Field(outer, "kind").Type.Definition);
        Assert.Same(Enum(Set.Value, "steward.test.Outer.Kind"), Field(inner, "kind").Type.Definition);
        Assert.Equal("google.protobuf.Timestamp", Field(outer, "created").Type.Definition!.FullName);
        Assert.Equal("google.protobuf.StringValue", Field(outer, "note").Type.Definition!.FullName);
        Assert.Equal("steward.test.dep.Shared", Field(outer, "shared").Type.Definition!.FullName);
        Assert.Equal("steward.test.dep.Level", Field(outer, "level").Type.Definition!.FullName);
        Assert.Equal("A nested message.", inner.Documentation);
    }

    [Fact]
    public void Maps_get_a_map_type_and_a_synthetic_entry_message()
    {
        var outer = Message(Set.Value, "steward.test.Outer");
        var counts = Field(outer, "counts");
        Assert.Equal(TypeKind.Map, counts.Type.Kind);
        Assert.Equal(FieldLabel.Repeated, counts.Label);
        Assert.Equal(ScalarType.String, counts.Type.Key!.Scalar);
        Assert.Equal(ScalarType.Int32, counts.Type.Element!.Scalar);
        var entry = Message(Set.Value, "steward.test.Outer.CountsEntry");
        Assert.True(entry.IsMapEntry);
        Assert.Same(outer, entry.Parent);
        Assert.Equal(new[] { ("key", 1), ("value", 2) }, entry.Fields.Select(f => (f.Name, f.Number)));
        var inners = Message(Set.Value, "steward.test.Outer.InnersByIdEntry");
        Assert.Same(Message(Set.Value, "steward.test.Outer.Inner"), inners.Fields[1].Type.Definition);
        Assert.Same(Message(Set.Value, "steward.test.Outer.Inner"), Field(outer, "inners_by_id").Type.Element!.Definition);
        Assert.Equal(TypeKind.Enum, Field(outer, "colors_by_flag").Type.Element!.Kind);
        Assert.False(counts.IsPacked);
    }

    [Fact]
    public void Oneofs_and_proto3_optional_get_real_and_synthetic_oneofs_in_protoc_order()
    {
        var outer = Message(Set.Value, "steward.test.Outer");
        Assert.Equal(new[] { "choice", "other", "_maybe", "_maybe_inner" }, outer.Oneofs.Select(o => o.Name));
        Assert.Equal(new[] { false, false, true, true }, outer.Oneofs.Select(o => o.IsSynthetic));
        var choice = outer.Oneofs[0];
        Assert.Equal(new[] { "text", "inner_choice", "number" }, choice.Fields.Select(f => f.Name));
        Assert.All(choice.Fields, f => Assert.Same(choice, f.Oneof));
        Assert.Equal("steward.test.Outer.choice", choice.FullName);
        Assert.Equal("(steward.test.opts.required_one)", choice.Options.Single().Name);
        var maybe = Field(outer, "maybe");
        Assert.Equal(FieldLabel.Optional, maybe.Label);
        Assert.Same(outer.Oneofs[2], maybe.Oneof);
        Assert.True(maybe.HasPresence);
        Assert.Equal(FieldLabel.Singular, Field(outer, "text").Label);
        Assert.Equal("-42", Field(outer, "number").Options.Single().Value.Text);
    }

    [Fact]
    public void Reserved_json_name_and_aggregate_options_are_kept()
    {
        var outer = Message(Set.Value, "steward.test.Outer");
        Assert.Equal(new[] { (20, 20), (30, 40), (1000, 536870911) }, outer.ReservedRanges.Select(r => (r.Start, r.End)));
        Assert.Equal(new[] { "old_name", "older_name" }, outer.ReservedNames);
        var renamed = Field(outer, "renamed");
        Assert.Equal("customName", renamed.JsonName);
        Assert.True(renamed.HasExplicitJsonName);
        Assert.Empty(renamed.Options);
        Assert.Equal("snakeCaseField2", Field(outer, "snake_case_field_2").JsonName);

        var rule = outer.FindOption("(steward.test.opts.rule)")!;
        Assert.True(rule.IsCustom);
        Assert.Equal(ConstantKind.Aggregate, rule.Value.Kind);
        Assert.Equal("{ min: 1 max: 10 tags: [\"a\", \"b\"] nested { min: 2 } }", rule.Value.SourceText);
        Assert.Equal(new[] { "min", "max", "tags", "nested" }, rule.Value.Entries.Select(e => e.Key.Text));
        Assert.Equal(ConstantKind.List, rule.Value.Entries[2].Value.Kind);
        Assert.Equal(ConstantKind.Aggregate, rule.Value.Entries[3].Value.Kind);

        var fieldRule = Field(outer, "snake_case_field_2").Options[0];
        Assert.Equal("(steward.test.opts.field_rule)", fieldRule.Name);
        Assert.Equal(new[] { "-1", "16", "x", "y" }, fieldRule.Value.Entries.Select(e => e.Value.Text));
    }

    [Fact]
    public void File_options_concatenate_adjacent_strings()
    {
        var root = Root(Set.Value);
        Assert.Equal("Steward.Tests.Everything", root.FindOption("csharp_namespace")!.Value.Text);
        Assert.Equal("file level", root.FindOption("(steward.test.opts.file_tag)")!.Value.Text);
        Assert.Equal(ConstantKind.Identifier, root.FindOption("optimize_for")!.Value.Kind);
    }

    [Fact]
    public void String_escapes_decode_to_the_protoc_bytes()
    {
        var rule = Message(Set.Value, "steward.test.Literals").FindOption("(steward.test.opts.rule)")!;
        var tags = rule.Value.Entries[0].Value.Items;
        Assert.Equal("AAé😀", tags[0].Text);
        Assert.Equal(new byte[] { 0x41, 0x41, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80 }, tags[0].Bytes);
        Assert.Equal("tab\there\n", tags[1].Text);
    }

    [Fact]
    public void Services_have_call_kinds_resolved_types_and_method_options()
    {
        var service = Set.Value.Services["steward.test.Everything"];
        Assert.Equal("Documented service.", service.Documentation);
        Assert.Same(Root(Set.Value), service.File);
        Assert.Equal(new[] { CallKind.Unary, CallKind.ServerStreaming, CallKind.ClientStreaming, CallKind.Duplex }, service.Methods.Select(m => m.CallKind));
        var get = service.Methods[0];
        Assert.Same(service, get.Service);
        Assert.Equal("steward.test.Everything.Get", get.FullName);
        Assert.Equal("Unary.", get.Documentation);
        Assert.Same(Message(Set.Value, "steward.test.Outer"), get.InputType.Definition);
        Assert.Same(Message(Set.Value, "steward.test.Outer.Inner"), get.OutputType.Definition);
        Assert.Equal(TypeKind.Message, get.OutputType.Kind);
        Assert.Equal(new[] { "(steward.test.opts.http_get)", "idempotency_level" }, service.Methods[1].Options.Select(o => o.Name));
        Assert.Equal("google.protobuf.Int32Value", service.Methods[2].OutputType.Definition!.FullName);
    }

    [Fact]
    public void Extend_blocks_are_recorded_at_file_and_message_level()
    {
        var options = Set.Value.Files.Single(f => f.Path == "everything/options.proto");
        Assert.Equal(8, options.Extends.Count);
        var fieldExt = options.Extends.Single(e => e.Extendee.Definition!.FullName == "google.protobuf.FieldOptions");
        Assert.Equal(new[] { "field_rule", "weight" }, fieldExt.Fields.Select(f => f.Name));
        Assert.Equal("steward.test.opts.weight", fieldExt.Fields[1].FullName);
        Assert.True(fieldExt.Fields[1].IsExtension);
        Assert.Same(fieldExt, fieldExt.Fields[1].Extendee);
        var nested = Message(Set.Value, "steward.test.WithExtend").Extends.Single();
        Assert.Equal("steward.test.WithExtend.nested_ext", nested.Fields[0].FullName);
        Assert.Same(Message(Set.Value, "steward.test.WithExtend"), nested.Parent);
    }
}
