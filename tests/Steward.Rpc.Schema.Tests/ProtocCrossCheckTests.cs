using System.Diagnostics;
using System.Text;
using static Steward.Rpc.Schema.Tests.TestSupport;

namespace Steward.Rpc.Schema.Tests;

/// <summary>
/// The reference implementation as the oracle: protoc compiles the same files (with our shipped
/// well-known types as its include path) and its FileDescriptorSet must describe the same
/// messages, fields (number, label, type, json_name, oneof), nested/map-entry order, enums and
/// methods as our model does.
/// </summary>
public class ProtocCrossCheckTests
{
    private const string Protoc = "/usr/bin/protoc";

    [Fact]
    public void Model_matches_protoc_descriptors_for_the_test_protos_and_wkts()
    {
        if (!File.Exists(Protoc))
        {
            Assert.Skip("protoc is not installed (scripts/setup installs protobuf-compiler).");
        }
        var work = Path.Combine(Path.GetTempPath(), "steward-protoc-" + Guid.NewGuid().ToString("N"));
        try
        {
            WriteWellKnownTypes(Path.Combine(work, "wkt"));
            string[] roots = ["everything/everything.proto", "grpc/testing/test.proto", .. WellKnownTypes.Paths];
            var output = Path.Combine(work, "set.pb");
            var (exitCode, errors) = RunProtoc(new[] { "-I", TestDataDir, "-I", Path.Combine(work, "wkt"), "--include_imports", "-o", output }.Concat(roots).ToArray());
            Assert.True(exitCode == 0, "protoc failed: " + errors);

            var set = CompileTestData(roots);
            AssertClean(set);
            var theirs = DescribeProtoc(File.ReadAllBytes(output));
            var ours = set.Files.ToDictionary(f => f.Path, Describe);
            // Guards against a vacuous comparison: protoc's side really carries the details compared.
            Assert.Contains("field renamed 18 1 9  json=customName oneof= p3opt=False", theirs["everything/everything.proto"], StringComparison.Ordinal);
            Assert.Contains("oneofs=choice,other,_maybe,_maybe_inner", theirs["everything/everything.proto"], StringComparison.Ordinal);
            Assert.Contains("rpc FullDuplexCall .grpc.testing.StreamingOutputCallRequest .grpc.testing.StreamingOutputCallResponse True True",
                theirs["grpc/testing/test.proto"], StringComparison.Ordinal);
            Assert.Equal(theirs.Keys.OrderBy(k => k, StringComparer.Ordinal), ours.Keys.OrderBy(k => k, StringComparer.Ordinal));
            foreach (var (file, description) in theirs)
            {
                Assert.Equal(description, ours[file]);
            }
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    [Fact]
    public void Accepts_and_rejects_the_same_mutated_files_as_protoc()
    {
        if (!File.Exists(Protoc))
        {
            Assert.Skip("protoc is not installed (scripts/setup installs protobuf-compiler).");
        }
        var work = Path.Combine(Path.GetTempPath(), "steward-protoc-" + Guid.NewGuid().ToString("N"));
        try
        {
            CopyDirectory(TestDataDir, Path.Combine(work, "src"));
            WriteWellKnownTypes(Path.Combine(work, "wkt"));
            var target = Path.Combine(work, "src", "everything", "everything.proto");
            var original = File.ReadAllText(target);
            var lines = original.Split('\n');
            var tokens = System.Text.RegularExpressions.Regex.Matches(original, @"[A-Za-z_][A-Za-z0-9_.]*|\d+");
            var words = tokens.Select(m => m.Value).Distinct().ToArray();
            var random = new Random(7);
            var disagreements = new List<string>();
            for (var i = 0; i < 60; i++)
            {
                // Line drops/duplicates and token swaps: mostly semantic breakage, which is where the checks live.
                string text;
                var list = lines.ToList();
                switch (random.Next(4))
                {
                    case 0:
                        list.RemoveAt(random.Next(list.Count));
                        text = string.Join("\n", list);
                        break;
                    case 1:
                        list.Insert(random.Next(list.Count), list[random.Next(list.Count)]);
                        text = string.Join("\n", list);
                        break;
                    default:
                        var token = tokens[random.Next(tokens.Count)];
                        text = original.Substring(0, token.Index) + words[random.Next(words.Length)] + original.Substring(token.Index + token.Length);
                        break;
                }
                File.WriteAllText(target, text);
                var set = SchemaCompiler.Compile(["everything/everything.proto"], new DirectoryFileSource([Path.Combine(work, "src")]));
                var (exitCode, errors) = RunProtoc("-I", Path.Combine(work, "src"), "-I", Path.Combine(work, "wkt"), "-o", Path.Combine(work, "out.pb"), "everything/everything.proto");
                if (set.Diagnostics.HasErrors != (exitCode != 0))
                {
                    disagreements.Add($"variant {i}: ours={Dump(set)} protoc={errors}");
                }
            }
            Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>Where we are deliberately stricter than protoc 3.21 (docs/idl-proto.md says so).</summary>
    private static readonly HashSet<string> KnownDifferences = ["group", "reserved range backwards"];

    [Fact]
    public void Protoc_also_rejects_every_file_our_diagnostic_tests_reject()
    {
        if (!File.Exists(Protoc))
        {
            Assert.Skip("protoc is not installed (scripts/setup installs protobuf-compiler).");
        }
        var work = Path.Combine(Path.GetTempPath(), "steward-protoc-" + Guid.NewGuid().ToString("N"));
        try
        {
            WriteWellKnownTypes(Path.Combine(work, "wkt"));
            var disagreements = new List<string>();
            var index = 0;
            foreach (var row in DiagnosticTests.Cases())
            {
                var values = ((ITheoryDataRow)row).GetData();
                var name = (string)values[0]!;
                var source = (string)values[1]!;
                var dir = Path.Combine(work, "case" + index++);
                Directory.CreateDirectory(dir);
                File.WriteAllText(Path.Combine(dir, "test.proto"), source);
                foreach (var (path, text) in DiagnosticTests.SupportFiles)
                {
                    File.WriteAllText(Path.Combine(dir, path), text);
                }
                var oursRejects = CompileIn(dir, "test.proto").Diagnostics.HasErrors;
                var (exitCode, errors) = RunProtoc("-I", dir, "-I", Path.Combine(work, "wkt"), "-o", Path.Combine(dir, "out.pb"), "test.proto");
                var protocRejects = exitCode != 0;
                if (oursRejects != protocRejects && !KnownDifferences.Contains(name))
                {
                    disagreements.Add($"{name}: ours rejects={oursRejects}, protoc rejects={protocRejects} {errors.Trim()}");
                }
            }
            Assert.True(index > 50);
            Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static SchemaSet CompileIn(string dir, string file) =>
        SchemaCompiler.Compile([file], new DirectoryFileSource([dir]));

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*.proto", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void WriteWellKnownTypes(string dir)
    {
        foreach (var path in WellKnownTypes.Paths)
        {
            Assert.True(WellKnownTypes.TryGet(path, out var text));
            var target = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, text);
        }
    }

    private static (int ExitCode, string Errors) RunProtoc(params string[] args)
    {
        var start = new ProcessStartInfo(Protoc) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, errors);
    }

    // ---- our model, described in protoc's terms ----------------------------------------

    private static readonly Dictionary<ScalarType, int> DescriptorTypes = new()
    {
        [ScalarType.Double] = 1, [ScalarType.Float] = 2, [ScalarType.Int64] = 3, [ScalarType.UInt64] = 4, [ScalarType.Int32] = 5,
        [ScalarType.Fixed64] = 6, [ScalarType.Fixed32] = 7, [ScalarType.Bool] = 8, [ScalarType.String] = 9, [ScalarType.Bytes] = 12,
        [ScalarType.UInt32] = 13, [ScalarType.SFixed32] = 15, [ScalarType.SFixed64] = 16, [ScalarType.SInt32] = 17, [ScalarType.SInt64] = 18,
    };

    private static string Describe(SchemaFile file)
    {
        var sb = new StringBuilder($"file {file.Path} package={file.Package}\n");
        foreach (var message in file.Messages)
        {
            DescribeMessage(sb, message, "");
        }
        foreach (var e in file.Enums)
        {
            DescribeEnum(sb, e, "");
        }
        foreach (var service in file.Services)
        {
            sb.Append($"service {service.Name}\n");
            foreach (var m in service.Methods)
            {
                sb.Append($"  rpc {m.Name} .{m.InputType.Definition!.FullName} .{m.OutputType.Definition!.FullName} " +
                    $"{m.CallKind is CallKind.ClientStreaming or CallKind.Duplex} {m.CallKind is CallKind.ServerStreaming or CallKind.Duplex}\n");
            }
        }
        return sb.ToString();
    }

    private static void DescribeMessage(StringBuilder sb, MessageDef message, string indent)
    {
        sb.Append($"{indent}message {message.Name} oneofs={string.Join(",", message.Oneofs.Select(o => o.Name))}\n");
        foreach (var f in message.Fields)
        {
            var label = f.Label switch { FieldLabel.Required => 2, FieldLabel.Repeated => 3, _ => 1 };
            int type;
            var typeName = "";
            if (f.Type.Kind == TypeKind.Map)
            {
                type = 11;
                typeName = "." + message.FullName + "." + Protobuf.JsonNames.MapEntryName(f.Name);
            }
            else if (f.Type.Kind == TypeKind.Scalar)
            {
                type = DescriptorTypes[f.Type.Scalar];
            }
            else
            {
                type = f.Type.Kind == TypeKind.Enum ? 14 : 11;
                typeName = "." + f.Type.Definition!.FullName;
            }
            sb.Append($"{indent}  field {f.Name} {f.Number} {label} {type} {typeName} json={f.JsonName} oneof={f.Oneof?.Name} p3opt={f.Oneof?.IsSynthetic == true}\n");
        }
        foreach (var nested in message.NestedMessages)
        {
            DescribeMessage(sb, nested, indent + "  ");
        }
        foreach (var e in message.NestedEnums)
        {
            DescribeEnum(sb, e, indent + "  ");
        }
    }

    private static void DescribeEnum(StringBuilder sb, EnumDef e, string indent) =>
        sb.Append($"{indent}enum {e.Name} {string.Join(" ", e.Values.Select(v => $"{v.Name}={v.Number}"))}\n");

    // ---- protoc's FileDescriptorSet, read with a minimal wire reader --------------------

    private sealed class Wire(byte[] data, int start, int end)
    {
        private int _pos = start;

        public static Wire Of(byte[] data) => new(data, 0, data.Length);

        public bool Next(out int field, out ulong varint, out Wire? sub, out string text)
        {
            sub = null;
            text = "";
            varint = 0;
            field = 0;
            if (_pos >= end)
            {
                return false;
            }
            var key = ReadVarint();
            field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    varint = ReadVarint();
                    break;
                case 2:
                    var length = (int)ReadVarint();
                    sub = new Wire(data, _pos, _pos + length);
                    text = Encoding.UTF8.GetString(data, _pos, length);
                    _pos += length;
                    break;
                case 1:
                    _pos += 8;
                    break;
                case 5:
                    _pos += 4;
                    break;
                default:
                    throw new InvalidDataException("unexpected wire type");
            }
            return true;
        }

        private ulong ReadVarint()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = data[_pos++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }
    }

    private static Dictionary<string, string> DescribeProtoc(byte[] set)
    {
        var result = new Dictionary<string, string>();
        var reader = Wire.Of(set);
        while (reader.Next(out var field, out _, out var file, out _))
        {
            if (field != 1)
            {
                continue;
            }
            string name = "", package = "";
            var body = new StringBuilder();
            var enums = new StringBuilder();
            var services = new StringBuilder();
            while (file!.Next(out var f, out _, out var sub, out var text))
            {
                switch (f)
                {
                    case 1: name = text; break;
                    case 2: package = text; break;
                    case 4: ProtocMessage(body, sub!, ""); break;
                    case 5: ProtocEnum(enums, sub!, ""); break;
                    case 6: ProtocService(services, sub!); break;
                }
            }
            result[name] = $"file {name} package={package}\n{body}{enums}{services}";
        }
        return result;
    }

    private static void ProtocMessage(StringBuilder sb, Wire message, string indent)
    {
        string name = "";
        var fields = new List<(string Name, ulong Number, ulong Label, ulong Type, string TypeName, string Json, int Oneof, bool P3)>();
        var oneofs = new List<string>();
        var nested = new StringBuilder();
        var enums = new StringBuilder();
        while (message.Next(out var f, out _, out var sub, out var text))
        {
            switch (f)
            {
                case 1: name = text; break;
                case 2:
                    var d = (Name: "", Number: 0UL, Label: 0UL, Type: 0UL, TypeName: "", Json: "", Oneof: -1, P3: false);
                    while (sub!.Next(out var g, out var v, out _, out var t))
                    {
                        switch (g)
                        {
                            case 1: d.Name = t; break;
                            case 3: d.Number = v; break;
                            case 4: d.Label = v; break;
                            case 5: d.Type = v; break;
                            case 6: d.TypeName = t; break;
                            case 9: d.Oneof = (int)v; break;
                            case 10: d.Json = t; break;
                            case 17: d.P3 = v != 0; break;
                        }
                    }
                    fields.Add(d);
                    break;
                case 3: ProtocMessage(nested, sub!, indent + "  "); break;
                case 4: ProtocEnum(enums, sub!, indent + "  "); break;
                case 8:
                    while (sub!.Next(out var g, out _, out _, out var t))
                    {
                        if (g == 1)
                        {
                            oneofs.Add(t);
                        }
                    }
                    break;
            }
        }
        sb.Append($"{indent}message {name} oneofs={string.Join(",", oneofs)}\n");
        foreach (var d in fields)
        {
            var oneof = d.Oneof >= 0 ? oneofs[d.Oneof] : "";
            sb.Append($"{indent}  field {d.Name} {d.Number} {d.Label} {d.Type} {d.TypeName} json={d.Json} oneof={oneof} p3opt={d.P3}\n");
        }
        sb.Append(nested).Append(enums);
    }

    private static void ProtocEnum(StringBuilder sb, Wire e, string indent)
    {
        var name = "";
        var values = new List<string>();
        while (e.Next(out var f, out _, out var sub, out var text))
        {
            if (f == 1)
            {
                name = text;
            }
            else if (f == 2)
            {
                string valueName = "";
                var number = 0;
                while (sub!.Next(out var g, out var v, out _, out var t))
                {
                    if (g == 1)
                    {
                        valueName = t;
                    }
                    else if (g == 2)
                    {
                        number = (int)(long)v;
                    }
                }
                values.Add($"{valueName}={number}");
            }
        }
        sb.Append($"{indent}enum {name} {string.Join(" ", values)}\n");
    }

    private static void ProtocService(StringBuilder sb, Wire service)
    {
        var name = "";
        var methods = new StringBuilder();
        while (service.Next(out var f, out _, out var sub, out var text))
        {
            if (f == 1)
            {
                name = text;
            }
            else if (f == 2)
            {
                string methodName = "", input = "", output = "";
                bool client = false, server = false;
                while (sub!.Next(out var g, out var v, out _, out var t))
                {
                    switch (g)
                    {
                        case 1: methodName = t; break;
                        case 2: input = t; break;
                        case 3: output = t; break;
                        case 5: client = v != 0; break;
                        case 6: server = v != 0; break;
                    }
                }
                methods.Append($"  rpc {methodName} {input} {output} {client} {server}\n");
            }
        }
        sb.Append($"service {name}\n").Append(methods);
    }
}
