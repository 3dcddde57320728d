using static Steward.Rpc.Schema.Tests.TestSupport;

namespace Steward.Rpc.Schema.Tests;

/// <summary>Constructs and lexical forms, each in a small file.</summary>
public class ParserTests
{
    private const string P3 = "syntax = \"proto3\";\n";

    /// <summary>Parse only: these tests use custom option names that are not defined anywhere.</summary>
    private static SchemaFile Parse(string text)
    {
        var bag = new DiagnosticBag();
        var file = Protobuf.ProtoCompiler.ParseOnly("test.proto", text, bag);
        Assert.True(bag.Items.Count == 0, string.Join("\n", bag.Items));
        return file;
    }

    private static SchemaSet Clean(string text, params (string, string)[] others)
    {
        var set = Compile(text, others);
        AssertClean(set);
        return set;
    }

    [Fact]
    public void Leading_comments_become_documentation_trailing_and_detached_ones_do_not()
    {
        var set = Clean(P3 + """
            // Detached: a blank line follows.

            // First line.
            // Second line.
            message A {
              int32 x = 1; // trailing, not documentation of y
              int32 y = 2;
              /* Block
               * comment. */
              int32 z = 3;
            }
            /** Enum doc. */
            enum E {
              // Zero.
              E_ZERO = 0;
            }
            """);
        var a = Message(set, "A");
        Assert.Equal("First line.\nSecond line.", a.Documentation);
        Assert.Null(Field(a, "x").Documentation);
        Assert.Null(Field(a, "y").Documentation);
        Assert.Equal("Block\ncomment.", Field(a, "z").Documentation);
        Assert.Equal("Enum doc.", Enum(set, "E").Documentation);
        Assert.Equal("Zero.", Enum(set, "E").Values[0].Documentation);
    }

    [Theory]
    [InlineData("42", 42UL, false)]
    [InlineData("-42", 42UL, true)]
    [InlineData("0x1F", 31UL, false)]
    [InlineData("0X1f", 31UL, false)]
    [InlineData("017", 15UL, false)]
    [InlineData("0", 0UL, false)]
    [InlineData("18446744073709551615", ulong.MaxValue, false)]
    [InlineData("-9223372036854775808", 9223372036854775808UL, true)]
    public void Integer_literals_in_every_base(string literal, ulong magnitude, bool negative)
    {
        var option = Parse(P3 + $"option (x) = {literal};\n").Options.Single();
        Assert.Equal(ConstantKind.Integer, option.Value.Kind);
        Assert.Equal(magnitude, option.Value.IntegerMagnitude);
        Assert.Equal(negative, option.Value.IsNegative);
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-2.5e3", -2500.0)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("1E-2", 0.01)]
    [InlineData("7e2", 700.0)]
    public void Float_literals(string literal, double value)
    {
        var option = Parse(P3 + $"option (x) = {literal};\n").Options.Single();
        Assert.Equal(ConstantKind.Float, option.Value.Kind);
        Assert.Equal(value, option.Value.FloatValue);
    }

    [Theory]
    [InlineData("inf", "inf")]
    [InlineData("-inf", "-inf")]
    [InlineData("nan", "nan")]
    [InlineData("SPEED", "SPEED")]
    public void Identifiers_and_special_floats_stay_identifiers(string literal, string text)
    {
        var option = Parse(P3 + $"option (x) = {literal};\n").Options.Single();
        Assert.Equal(ConstantKind.Identifier, option.Value.Kind);
        Assert.Equal(text, option.Value.Text);
    }

    [Theory]
    [InlineData("\"a\" \"b\" 'c'", "abc")]
    [InlineData("'\\a\\b\\f\\n\\r\\t\\v\\\\\\'\\\"\\?'", "\a\b\f\n\r\t\v\\'\"?")]
    [InlineData("\"\\x41\\x4a\\101\\0\"", "AJA\0")]
    [InlineData("\"\\u00e9\\U0001F600\"", "é😀")]
    [InlineData("\"é\"", "é")]
    public void String_literals_decode_escapes_and_concatenate(string literal, string expected)
    {
        var option = Parse(P3 + $"option (x) = {literal};\n").Options.Single();
        Assert.Equal(ConstantKind.String, option.Value.Kind);
        Assert.Equal(expected, option.Value.Text);
    }

    [Fact]
    public void Non_utf8_bytes_are_kept_in_the_raw_bytes()
    {
        var option = Parse(P3 + "option (x) = \"\\xff\\377\";\n").Options.Single();
        Assert.Equal(new byte[] { 0xFF, 0xFF }, option.Value.Bytes);
    }

    [Fact]
    public void Option_names_keep_their_written_form_at_every_level()
    {
        var file = Parse(P3 + """
            option (.a.b).c.(d.e) = 1;
            option java_package = "p";
            message M {
              option deprecated = true;
              int32 f = 1 [deprecated = true, (x).y = "z"];
              oneof o {
                option (one) = 2;
                int32 g = 2;
              }
            }
            enum E {
              option (e) = 3;
              Z = 0 [(v) = 4];
            }
            service S {
              option (s) = 5;
              rpc Call(M) returns (M) { option (m) = 6; };
            }
            """);
        Assert.Equal(new[] { "(.a.b).c.(d.e)", "java_package" }, file.Options.Select(o => o.Name));
        var m = file.Messages.Single();
        Assert.Equal("deprecated", m.Options.Single().Name);
        Assert.Equal(new[] { "deprecated", "(x).y" }, Field(m, "f").Options.Select(o => o.Name));
        Assert.Equal("(one)", m.Oneofs[0].Options.Single().Name);
        Assert.Equal("(e)", file.Enums.Single().Options.Single().Name);
        Assert.Equal("(v)", file.Enums.Single().Values[0].Options.Single().Name);
        Assert.Equal("(s)", file.Services.Single().Options.Single().Name);
        Assert.Equal("(m)", file.Services.Single().Methods[0].Options.Single().Name);
    }

    [Fact]
    public void Aggregate_values_accept_text_format_forms()
    {
        var option = Parse(P3 + "option (x) = { a: 1, b: \"s\"; c < d: 2 > e [ { f: 1 }, { f: 2 } ] [ext.field]: true [type.googleapis.com/p.T] { } g: [] };\n").Options.Single();
        Assert.Equal(new[] { "a", "b", "c", "e", "[ext.field]", "[type.googleapis.com/p.T]", "g" }, option.Value.Entries.Select(e => e.Key.Text));
        Assert.Equal(2, option.Value.Entries[3].Value.Items.Count);
        Assert.Empty(option.Value.Entries[6].Value.Items);
    }

    [Fact]
    public void Keywords_are_contextual_and_can_be_names()
    {
        var set = Clean(P3 + """
            package syntax.message;
            message message {
              int32 option = 1;
              string package = 2;
              int32 map = 3;
              int32 stream = 4;
              message enum {}
              enum service { rpc = 0; }
            }
            message returns {}
            service service { rpc rpc(message) returns (returns); }
            """);
        Assert.Equal(new[] { "option", "package", "map", "stream" }, Message(set, "syntax.message.message").Fields.Select(f => f.Name));
        Assert.NotNull(set.FindType("syntax.message.message.enum"));
        Assert.Equal("syntax.message.returns", set.Services["syntax.message.service"].Methods[0].OutputType.Definition!.FullName);
    }

    [Fact]
    public void Map_keys_of_every_allowed_scalar_type_compile()
    {
        var keys = new[] { "int32", "int64", "uint32", "uint64", "sint32", "sint64", "fixed32", "fixed64", "sfixed32", "sfixed64", "bool", "string" };
        var body = string.Concat(keys.Select((k, i) => $"  map<{k}, string> m{i} = {i + 1};\n"));
        var m = Message(Clean(P3 + "message M {\n" + body + "}\n"), "M");
        Assert.Equal(12, m.NestedMessages.Count(n => n.IsMapEntry));
        Assert.Equal("M0Entry", m.NestedMessages[0].Name);
    }

    [Fact]
    public void Synthetic_oneof_names_avoid_clashes_like_protoc()
    {
        var m = Message(Clean(P3 + "message M {\n  optional int32 a = 1;\n  oneof _a { int32 x = 2; }\n  optional int32 _b = 3;\n}\n"), "M");
        Assert.Equal(new[] { "_a", "X_a", "X_b" }, m.Oneofs.Select(o => o.Name));
    }

    [Fact]
    public void Json_names_follow_protoc()
    {
        var m = Message(Clean(P3 + "message M {\n  int32 foo_bar_baz = 1;\n  int32 _leading = 2;\n  int32 trailing_ = 3;\n  int32 CAPS = 4;\n  int32 a_1b = 5;\n}\n"), "M");
        Assert.Equal(new[] { "fooBarBaz", "Leading", "trailing", "CAPS", "a1b" }, m.Fields.Select(f => f.JsonName));
    }

    [Fact]
    public void Proto2_files_with_labels_defaults_extensions_and_extend_parse()
    {
        var set = Clean("""
            syntax = "proto2";
            package p2;
            message Base {
              required int32 id = 1;
              optional string name = 2 [default = "none"];
              repeated int32 values = 3;
              repeated int32 packed_values = 4 [packed = true];
              extensions 100 to 199, 500 to max;
            }
            extend Base {
              optional int32 extra = 100;
            }
            message Scope {
              extend Base {
                repeated string more = 150;
              }
            }
            """);
        var b = Message(set, "p2.Base");
        Assert.Equal(IdlSyntax.Proto2, Root(set).Syntax);
        Assert.Equal(new[] { FieldLabel.Required, FieldLabel.Optional, FieldLabel.Repeated, FieldLabel.Repeated }, b.Fields.Select(f => f.Label));
        Assert.Equal("none", Field(b, "name").DefaultValue!.Text);
        Assert.False(Field(b, "values").IsPacked);
        Assert.True(Field(b, "packed_values").IsPacked);
        Assert.Empty(b.Oneofs);
        Assert.Equal(new[] { (100, 199), (500, 536870911) }, b.ExtensionRanges.Select(r => (r.Start, r.End)));
        var extra = Root(set).Extends.Single();
        Assert.Same(b, extra.Extendee.Definition);
        Assert.Equal("p2.extra", extra.Fields[0].FullName);
        Assert.Equal("p2.Scope.more", Message(set, "p2.Scope").Extends.Single().Fields[0].FullName);
    }

    [Fact]
    public void Custom_options_extending_descriptor_options_link()
    {
        var set = Clean(P3 + """
            package my;
            import "google/protobuf/descriptor.proto";
            message Rule { int32 min = 1; }
            extend google.protobuf.FieldOptions { Rule rule = 50000; }
            extend google.protobuf.MessageOptions { optional string tag = 50001; }
            message M {
              option (my.tag) = "t";
              int32 f = 1 [(rule) = { min: 3 }, (my.rule).min = 4];
            }
            """);
        var ext = Root(set).Extends[0];
        Assert.Equal("google.protobuf.FieldOptions", ext.Extendee.Definition!.FullName);
        Assert.Same(Message(set, "my.Rule"), ext.Fields[0].Type.Definition);
        Assert.Equal(FieldLabel.Optional, Root(set).Extends[1].Fields[0].Label);
        Assert.Equal(new[] { "(rule)", "(my.rule).min" }, Field(Message(set, "my.M"), "f").Options.Select(o => o.Name));
    }

    [Fact]
    public void Package_relative_and_partially_qualified_names_resolve_innermost_first()
    {
        var set = Clean(P3 + """
            package a.b;
            message T {}
            message Outer {
              message T {}
              T inner = 1;
              .a.b.T top = 2;
              b.T via_package = 3;
              a.b.Outer.T full = 4;
            }
            """);
        var outer = Message(set, "a.b.Outer");
        Assert.Equal(new[] { "a.b.Outer.T", "a.b.T", "a.b.T", "a.b.Outer.T" }, outer.Fields.Select(f => f.Type.Definition!.FullName));
    }

    [Fact]
    public void Stray_semicolons_and_empty_statements_are_accepted()
    {
        var set = Clean(P3 + ";\nmessage A { ; int32 a = 1; ; }\n;enum E { ; Z = 0; ; }\nservice S { ; }\n");
        Assert.Single(Message(set, "A").Fields);
    }

    [Fact]
    public void Byte_order_mark_and_crlf_line_endings_do_not_shift_positions()
    {
        var set = Compile("\uFEFFsyntax = \"proto3\";\r\nmessage A {\r\n\tMissing m = 1;\r\n}\r\n");
        Assert.Equal(["STW1030 3:2"], Codes(set));
    }
}
