using System.CommandLine;
using System.Text;
using Steward.Rpc.Protobuf;
using Steward.Rpc.Protobuf.Dynamic;
using Steward.Rpc.Schema;

namespace Steward.Cli.Commands;

/// <summary>
/// <c>steward proto encode|decode --proto &lt;file&gt; [-I &lt;path&gt;]... --type &lt;pkg.Message&gt; [--format text|json]</c>:
/// like <c>protoc --encode/--decode</c> (text or JSON on one side, binary on the other) with no
/// generated code: the schema is compiled at run time and drives the dynamic codec.
/// Exit codes: 0 done, 1 bad schema or bad input, 2 usage errors.
/// </summary>
internal static class ProtoCommand
{
    public static Command Create()
    {
        var command = new Command("proto", "Encode text/JSON to protobuf binary, or decode binary to text/JSON, from a .proto schema.");
        command.Subcommands.Add(CreateVerb(encode: true));
        command.Subcommands.Add(CreateVerb(encode: false));
        return command;
    }

    private static Command CreateVerb(bool encode)
    {
        var protos = new Option<string[]>("--proto") { Description = "The .proto file(s) declaring the type (repeatable)" };
        var imports = new Option<string[]>("--proto_path", "-I", "--import-path") { Description = "Import root, like protoc's -I (repeatable)" };
        var type = new Option<string?>("--type") { Description = "Fully qualified message type, e.g. greeter.HelloRequest" };
        var format = new Option<string>("--format") { Description = "text (protobuf text format, as protoc) or json (proto3 JSON mapping)", DefaultValueFactory = _ => "text" };
        var command = encode
            ? new Command("encode", "Read text or JSON from stdin, write protobuf binary to stdout.")
            : new Command("decode", "Read protobuf binary from stdin, write text or JSON to stdout.");
        command.Options.Add(protos);
        command.Options.Add(imports);
        command.Options.Add(type);
        command.Options.Add(format);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse =>
        {
            if (parse.UnmatchedTokens.Count > 0)
            {
                return GenCommand.Usage($"unrecognized argument '{parse.UnmatchedTokens[0]}'");
            }
            var protoFiles = parse.GetValue(protos) ?? Array.Empty<string>();
            var typeName = parse.GetValue(type);
            var formatValue = parse.GetValue(format)!;
            if (protoFiles.Length == 0)
            {
                return GenCommand.Usage("--proto <file> is required");
            }
            if (string.IsNullOrEmpty(typeName))
            {
                return GenCommand.Usage("--type <pkg.Message> is required");
            }
            if (formatValue is not ("text" or "json"))
            {
                return GenCommand.Usage($"--format must be text or json, not '{formatValue}'");
            }
            using var stdin = Console.OpenStandardInput();
            using var stdout = Console.OpenStandardOutput();
            return Run(encode, protoFiles, parse.GetValue(imports) ?? Array.Empty<string>(), typeName, formatValue == "json", stdin, stdout, Console.Error);
        });
        return command;
    }

    public static int Run(bool encode, IReadOnlyList<string> protoFiles, IReadOnlyList<string> importPaths, string typeName, bool json,
        Stream input, Stream output, TextWriter stderr)
    {
        var set = GenCommand.Compile(protoFiles, importPaths, stderr);
        if (set is null)
        {
            return 1;
        }
        if (set.FindType(typeName) is not MessageDef type)
        {
            stderr.WriteLine($"steward: type not defined: {typeName}");
            return 1;
        }
        var buffer = new MemoryStream();
        input.CopyTo(buffer);
        try
        {
            if (encode)
            {
                var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                var message = json ? ProtoJsonFormat.Parse(type, text, set) : ProtoTextFormat.Parse(type, text, set);
                output.Write(ProtoBinary.Serialize(message));
            }
            else
            {
                var message = ProtoBinary.Parse(type, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
                var text = json ? ProtoJsonFormat.Format(message, set) + "\n" : ProtoTextFormat.Format(message);
                output.Write(Encoding.UTF8.GetBytes(text));
            }
            output.Flush();
            return 0;
        }
        catch (ProtoFormatException ex)
        {
            stderr.WriteLine(ex.Line > 0 ? $"input:{ex.Line}:{ex.Column}: {ex.Reason}" : $"steward: {ex.Message}");
            return 1;
        }
        catch (ProtoDecodeException ex)
        {
            stderr.WriteLine($"input: byte {ex.Position}: {ex.Reason}");
            return 1;
        }
    }
}
