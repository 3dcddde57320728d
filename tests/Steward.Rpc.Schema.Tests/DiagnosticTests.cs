using static Steward.Rpc.Schema.Tests.TestSupport;

namespace Steward.Rpc.Schema.Tests;

/// <summary>Each check reports its stable code at the exact token (line:column of test.proto).</summary>
public class DiagnosticTests
{
    private const string P3 = "syntax = \"proto3\";\n";
    private const string Descriptor = "import \"google/protobuf/descriptor.proto\";\n";

    /// <summary>Files the cases may import: c.proto defines a custom option that test.proto can only see through b.proto's plain import.</summary>
    public static readonly (string Path, string Text)[] SupportFiles =
    [
        ("b.proto", P3 + "import \"c.proto\";\n"),
        ("c.proto", P3 + Descriptor + "extend google.protobuf.FileOptions {\n  int32 o = 50000;\n}\n"),
    ];

    public static TheoryData<string, string, string[]> Cases() => new()
    {
        { "unknown type", P3 + "message A {\n  Missing m = 1;\n}\n", ["STW1030 3:3"] },
        { "unknown qualified type", P3 + "package p;\nmessage A {\n  q.B m = 1;\n}\n", ["STW1030 4:3"] },
        { "inner scope shadows the intended name", P3 + "package p;\nmessage Foo {}\nmessage A {\n  message Foo {}\n  Foo.Bar m = 1;\n}\n", ["STW1030 6:3"] },
        { "name of a service is not a type", P3 + "package p;\nmessage A {\n  p.S m = 1;\n}\nservice S {}\n", ["STW1032 4:3"] },
        { "a service named like a type is skipped when looking for a type", P3 + "message A {\n  S m = 1;\n}\nservice S {}\n", ["STW1030 3:3"] },
        { "duplicate field number", P3 + "message A {\n  int32 a = 1;\n  int32 b = 1;\n}\n", ["STW1035 4:13"] },
        { "duplicate field number inside a oneof", P3 + "message A {\n  int32 a = 1;\n  oneof o {\n    int32 b = 1;\n  }\n}\n", ["STW1035 5:15"] },
        { "duplicate field name", P3 + "message A {\n  int32 a = 1;\n  string a = 2;\n}\n", ["STW1034 4:10"] },
        { "field number zero", P3 + "message A {\n  int32 a = 0;\n}\n", ["STW1036 3:13"] },
        { "negative field number", P3 + "message A {\n  int32 a = -5;\n}\n", ["STW1036 3:13"] },
        { "field number above the maximum", P3 + "message A {\n  int32 a = 536870912;\n}\n", ["STW1036 3:13"] },
        { "field number in the implementation range", P3 + "message A {\n  int32 a = 19500;\n}\n", ["STW1037 3:13"] },
        { "reserved number used", P3 + "message A {\n  reserved 2, 5 to 9;\n  int32 a = 7;\n}\n", ["STW1038 4:13"] },
        { "reserved name used", P3 + "message A {\n  reserved \"a\";\n  int32 a = 1;\n}\n", ["STW1039 4:9"] },
        { "float map key", P3 + "message A {\n  map<float, int32> m = 1;\n}\n", ["STW1040 3:7"] },
        { "bytes map key", P3 + "message A {\n  map<bytes, int32> m = 1;\n}\n", ["STW1040 3:7"] },
        { "message map key", P3 + "message A {\n  map<A, int32> m = 1;\n}\n", ["STW1040 3:7"] },
        { "enum map key", P3 + "enum E { Z = 0; }\nmessage A {\n  map<E, int32> m = 1;\n}\n", ["STW1040 4:7"] },
        { "map in a oneof", P3 + "message A {\n  oneof o {\n    map<string, int32> m = 1;\n  }\n}\n", ["STW1013 4:5"] },
        { "repeated map", P3 + "message A {\n  repeated map<string, int32> m = 1;\n}\n", ["STW1013 3:3"] },
        { "first enum value not zero", P3 + "enum E {\n  A = 1;\n}\n", ["STW1041 3:7"] },
        { "duplicate enum value without allow_alias", P3 + "enum E {\n  A = 0;\n  B = 0;\n}\n", ["STW1042 4:7"] },
        { "allow_alias without aliases", P3 + "enum E {\n  option allow_alias = true;\n  A = 0;\n}\n", ["STW1046 3:10"] },
        { "enum values clash in the enclosing scope", P3 + "enum E {\n  X = 0;\n}\nenum F {\n  Y = 0;\n  X = 1;\n}\n", ["STW1043 7:3"] },
        { "enum value out of range", P3 + "enum E {\n  A = 0;\n  B = 2147483648;\n}\n", ["STW1049 4:7"] },
        { "empty enum", P3 + "enum E {\n}\n", ["STW1054 2:6"] },
        { "duplicate message", P3 + "message A {}\nmessage A {}\n", ["STW1033 3:9"] },
        { "message clashes with a field", P3 + "message A {\n  int32 b = 1;\n  message b {}\n}\n", ["STW1033 4:11"] },
        { "unknown syntax", "syntax = \"proto4\";\n", ["STW1007 1:10"] },
        { "syntax not first", P3 + "syntax = \"proto3\";\n", ["STW1015 2:1"] },
        { "missing syntax", "message A {\n  optional int32 a = 1;\n}\n", ["STW1008 1:1"] },
        { "method input is an enum", P3 + "enum E { Z = 0; }\nmessage M {}\nservice S {\n  rpc Call(E) returns (M);\n}\n", ["STW1044 5:12"] },
        { "method output is a scalar", P3 + "message M {}\nservice S {\n  rpc Call(M) returns (string);\n}\n", ["STW1044 4:24"] },
        { "duplicate method", P3 + "message M {}\nservice S {\n  rpc Call(M) returns (M);\n  rpc Call(M) returns (M);\n}\n", ["STW1050 5:7"] },
        { "explicit default in proto3", P3 + "message A {\n  int32 a = 1 [default = 5];\n}\n", ["STW1010 3:16"] },
        { "required in proto3", P3 + "message A {\n  required int32 a = 1;\n}\n", ["STW1014 3:3"] },
        { "label inside a oneof", P3 + "message A {\n  oneof o {\n    repeated int32 a = 1;\n  }\n}\n", ["STW1014 4:5"] },
        { "proto2 field without a label", "syntax = \"proto2\";\nmessage A {\n  int32 a = 1;\n}\n", ["STW1014 3:3"] },
        { "group", "syntax = \"proto2\";\nmessage A {\n  optional group G = 1 {\n    optional int32 x = 2;\n  }\n}\n", ["STW1009 3:12"] },
        { "empty oneof", P3 + "message A {\n  oneof o {\n  }\n}\n", ["STW1016 3:9"] },
        { "json names clash", P3 + "message A {\n  int32 foo_bar = 1;\n  int32 fooBar = 2;\n}\n", ["STW1047 4:9"] },
        { "packed on a string", P3 + "message A {\n  repeated string s = 1 [packed = true];\n}\n", ["STW1052 3:26"] },
        { "reserved range backwards", P3 + "message A {\n  reserved 10 to 5;\n}\n", ["STW1045 3:12"] },
        { "reserved ranges overlap", P3 + "message A {\n  reserved 1 to 10, 5 to 20;\n}\n", ["STW1045 3:21"] },
        { "proto3 extension of a non-options message", P3 + "message A {}\nextend A {\n  int32 x = 100;\n}\n", ["STW1048 3:8"] },
        { "extension number outside the ranges", "syntax = \"proto2\";\nmessage A {\n  extensions 100 to 200;\n}\nextend A {\n  optional int32 x = 5;\n}\n", ["STW1048 6:22"] },
        { "extension number used twice", P3 + "import \"google/protobuf/descriptor.proto\";\nextend google.protobuf.FieldOptions {\n  int32 x = 50000;\n  int32 y = 50000;\n}\n", ["STW1048 5:13"] },
        { "extension ranges in proto3", P3 + "message A {\n  extensions 100 to 200;\n}\n", ["STW1009 3:3"] },
        { "unterminated string", P3 + "option java_package = \"abc;\n", ["STW1002 2:23", "STW1001 3:1"] },
        { "invalid escape", P3 + "option java_package = \"a\\qb\";\n", ["STW1003 2:25"] },
        { "unterminated comment", P3 + "message A {}\n/* never closed\n", ["STW1004 3:1"] },
        { "invalid character", P3 + "message A { \u0001 }\n", ["STW1005 2:13", "STW1001 2:13"] },
        { "bad octal", P3 + "message A {\n  int32 a = 09;\n}\n", ["STW1006 3:13"] },
        { "number glued to a name", P3 + "message A {\n  int32 a = 1abc;\n}\n", ["STW1006 3:13"] },
        { "duplicate package", P3 + "package a;\npackage b;\n", ["STW1012 3:1"] },
        { "duplicate import", P3 + "import \"google/protobuf/empty.proto\";\nimport \"google/protobuf/empty.proto\";\n", ["STW1022 3:8"] },
        { "import not found", P3 + "import \"nope.proto\";\n", ["STW1020 2:8"] },
        { "missing semicolon", P3 + "message A {\n  int32 a = 1\n}\n", ["STW1001 4:1"] },
        { "missing closing brace", P3 + "message A {\n  int32 a = 1;\n", ["STW1001 4:1"] },
        { "stray closing brace", P3 + "}\n", ["STW1001 2:1"] },
        { "unknown custom option", P3 + "message A {\n  option (nope) = 1;\n}\n", ["STW1055 3:10"] },
        { "custom option set on the wrong kind of element", P3 + Descriptor + "extend google.protobuf.FieldOptions {\n  int32 f = 50000;\n}\nmessage A {\n  option (f) = 1;\n}\n", ["STW1055 7:10"] },
        { "custom option sub-field that does not exist", P3 + Descriptor + "message Rule { int32 min = 1; }\nextend google.protobuf.FileOptions {\n  Rule rule = 50000;\n}\noption (rule).mix = 1;\n", ["STW1055 7:8"] },
        { "custom option defined in a file not imported", P3 + "import \"b.proto\";\noption (o) = 1;\n", ["STW1055 3:8"] },
        { "unknown standard option", P3 + "option java_pakage = \"x\";\n", ["STW1056 2:8"] },
        { "option set twice", P3 + "option java_package = \"a\";\noption java_package = \"b\";\n", ["STW1057 3:8"] },
        { "bool option given a string", P3 + "option java_multiple_files = \"yes\";\n", ["STW1051 2:30"] },
        { "enum option given an unknown value", P3 + "option optimize_for = FAST;\n", ["STW1051 2:23"] },
        { "packed given a string", P3 + "message A {\n  repeated int32 a = 1 [packed = \"yes\"];\n}\n", ["STW1051 3:34"] },
        { "integer option out of range", P3 + Descriptor + "extend google.protobuf.FileOptions {\n  int32 n = 50000;\n}\noption (n) = 2147483648;\n", ["STW1051 6:14"] },
        { "message option given a scalar", P3 + Descriptor + "message Rule { int32 min = 1; }\nextend google.protobuf.FileOptions {\n  Rule rule = 50000;\n}\noption (rule) = 3;\n", ["STW1051 7:17"] },
        { "json names equal ignoring case and underscores", P3 + "message A {\n  int32 foo = 1;\n  int32 F_o_o = 2;\n}\n", ["STW1047 4:9"] },
        { "enum values clash once the enum prefix is stripped", P3 + "enum Foo {\n  FOO_UNKNOWN = 0;\n  UNKNOWN = 1;\n}\n", ["STW1058 4:3"] },
        { "proto2 default of the wrong type", "syntax = \"proto2\";\nmessage A {\n  optional int32 x = 1 [default = \"a\"];\n}\n", ["STW1059 3:35"] },
        { "proto2 default on a repeated field", "syntax = \"proto2\";\nmessage A {\n  repeated int32 x = 1 [default = 1];\n}\n", ["STW1059 3:35"] },
        { "proto2 default naming no enum value", "syntax = \"proto2\";\nenum E { B = 1; }\nmessage A {\n  optional E e = 1 [default = C];\n}\n", ["STW1059 4:31"] },
        { "lazy on a scalar field", P3 + "message A {\n  int32 a = 1 [lazy = true];\n}\n", ["STW1051 3:16"] },
        { "jstype on a 32-bit field", P3 + "message A {\n  int32 a = 1 [jstype = JS_STRING];\n}\n", ["STW1051 3:16"] },
        { "too deep", P3 + string.Concat(Enumerable.Repeat("message M {", 70)) + new string('}', 70), ["STW1011 2:705"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_the_code_at_the_exact_token(string name, string source, string[] expected)
    {
        var set = Compile(source, SupportFiles);
        Assert.True(expected.SequenceEqual(Codes(set)), $"{name}: expected [{string.Join(", ", expected)}], got:\n{Dump(set)}");
        Assert.All(set.Diagnostics.Items, d => Assert.Equal("test.proto", d.Location.File));
    }

    [Fact]
    public void Every_error_in_a_file_is_reported_not_only_the_first()
    {
        var source = P3 + """
            message A {
              int32 a = 1
              Missing b = 2;
              int32 c = 0;
              map<double, string> d = 4;
              string e = ;
              int32 f = 6;
              int32 f = 7;
            }
            enum E {
              X = 1;
            }
            message B {
              reserved 3;
              int32 r = 3;
              oops
            }
            service S {
              rpc Call(A) returns (Nope);
              bogus;
            }
            """;
        var set = Compile(source);
        string[] expected =
        [
            "STW1001 4:3", "STW1001 7:14", "STW1001 18:1", "STW1001 21:3", // syntax, each statement skipped alone
            "STW1036 5:13", "STW1034 9:9", "STW1030 20:24", "STW1040 6:7", "STW1041 12:7", "STW1038 16:13",
        ];
        Assert.Equal(expected.OrderBy(c => c, StringComparer.Ordinal), Codes(set).OrderBy(c => c, StringComparer.Ordinal));
    }
}
