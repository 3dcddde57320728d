using System.Diagnostics;
using System.Text;

namespace Steward.Rpc.Protobuf.Dynamic.Tests;

/// <summary>The proto3 JSON mapping, checked against python3-protobuf's json_format (the reference implementation's rules).</summary>
public class JsonTests
{
    private const string RichJson = """
        {
          "d": 1.5, "f": 0.1, "i64": "-9223372036854775808", "u64": "18446744073709551615", "i32": -1,
          "fx64": "12", "fx32": 7, "b": true, "s": "h\"i\n é \u0001", "by": "AP9/", "u32": 4294967295,
          "sf32": -5, "sf64": "-6", "si32": -7, "si64": "-8", "color": "GREEN",
          "inner": { "name": "x", "n": 3, "child": { "n": -2 } },
          "ri": [1, 2, 3], "rs": ["a", "b"], "rinner": [{ "name": "y" }, {}],
          "m": { "z": 1 }, "mi": { "-1": {} }, "ci": { "n": 9 }, "oi": 0,
          "rd": [1e30, "NaN", "Infinity", "-Infinity", 0.1], "rc": ["RED", 7], "rsi": ["-1", 1],
          "rf": [0.1, -2.5, 1.17549435e-38], "mb": { "true": "AQ==" }, "snakeCaseField": 5, "mood": "HAPPY"
        }
        """;

    private const string KnownJson = """
        {
          "ts": "2023-11-14T22:13:20.000000005Z", "dur": "-1.000000500s", "i64w": "-3", "sw": "s", "bw": false,
          "st": { "k": [1, null, "x", true, { "n": {} }] }, "v": 2.5, "mask": "a.bC,dEf",
          "empty": {}, "any": { "@type": "type.googleapis.com/rich.Inner", "name": "packed" },
          "lv": [], "byw": "AQI=", "dw": "NaN", "u32w": 0,
          "tss": ["1970-01-01T00:00:00Z", "0001-01-01T00:00:00.120Z"], "nullValue": null
        }
        """;

    [Theory]
    [InlineData("rich.Rich", RichJson)]
    [InlineData("rich.Known", KnownJson)]
    public void Json_input_means_what_the_reference_implementation_reads_it_as(string type, string json)
    {
        var peer = JsonPeer.Require();
        var expected = ProtoBinary.Parse(TestSchemas.Message(type), peer.FromJson(type, json));

        var actual = ProtoJsonFormat.Parse(TestSchemas.Message(type), json, TestSchemas.Rich);

        Assert.Equal(ProtoTextFormat.Format(expected), ProtoTextFormat.Format(actual));
    }

    [Theory]
    [InlineData("rich.Rich", RichJson)]
    [InlineData("rich.Known", KnownJson)]
    public void Json_output_reads_back_in_the_reference_implementation_as_the_same_message(string type, string json)
    {
        var peer = JsonPeer.Require();
        var message = ProtoJsonFormat.Parse(TestSchemas.Message(type), json, TestSchemas.Rich);

        var written = ProtoJsonFormat.Format(message, TestSchemas.Rich);
        var reread = ProtoBinary.Parse(TestSchemas.Message(type), peer.FromJson(type, written));

        Assert.Equal(ProtoTextFormat.Format(message), ProtoTextFormat.Format(reread));
    }

    [Theory]
    [InlineData("rich.Rich", RichJson)]
    [InlineData("rich.Known", KnownJson)]
    public void Reference_json_output_parses_to_the_original_message(string type, string json)
    {
        var peer = JsonPeer.Require();
        var binary = peer.FromJson(type, json);
        var theirs = peer.ToJson(type, binary);

        var parsed = ProtoJsonFormat.Parse(TestSchemas.Message(type), theirs, TestSchemas.Rich);

        Assert.Equal(ProtoTextFormat.Format(ProtoBinary.Parse(TestSchemas.Message(type), binary)), ProtoTextFormat.Format(parsed));
    }

    [Fact]
    public void Output_uses_json_names_strings_for_64_bit_integers_and_enum_names()
    {
        var message = ProtoJsonFormat.Parse(TestSchemas.Message("rich.Rich"), """{"snake_case_field": 5, "i64": 7, "color": 1, "by": "_w"}""");

        var json = ProtoJsonFormat.Format(message, options: new ProtoJsonOptions { Indented = false });

        Assert.Equal("""{"i64":"7","by":"/w==","color":"RED","snakeCaseField":5}""", json);
    }

    [Fact]
    public void The_largest_float_survives_a_json_round_trip()
    {
        // float.MaxValue's shortest spelling (3.4028235E+38) reads back as a double just above it;
        // the range check must happen after rounding to float. (python's json_format 4.21 rejects it, so this is not a peer test.)
        var message = ProtoTextFormat.Parse(TestSchemas.Message("rich.Rich"), "rf: 3.4028235e38 rf: -3.4028235e38");

        var reread = ProtoJsonFormat.Parse(TestSchemas.Message("rich.Rich"), ProtoJsonFormat.Format(message));

        Assert.Equal(message, reread);
        Assert.Throws<ProtoFormatException>(() => ProtoJsonFormat.Parse(TestSchemas.Message("rich.Rich"), """{"rf": [3.5e38]}"""));
    }

    [Fact]
    public void Original_field_names_can_be_kept_and_defaults_emitted()
    {
        var message = ProtoJsonFormat.Parse(TestSchemas.Message("rich.Inner"), """{"name": ""}""");

        var json = ProtoJsonFormat.Format(message, options: new ProtoJsonOptions { Indented = false, EmitDefaultValues = true, PreserveProtoFieldNames = true });

        Assert.Equal("""{"name":"","n":0}""", json);
    }

    [Theory]
    [InlineData("""{"nope": 1}""", 1, 2, "no field named \"nope\"")]
    [InlineData("{\n  \"i32\": 2147483648\n}", 2, 10, "out of range")]
    [InlineData("{\n  \"i32\": 1.5}", 2, 10, "Expected an integer")]
    [InlineData("""{"color": "PURPLE"}""", 1, 11, "Unknown value \"PURPLE\"")]
    [InlineData("""{"cs": "a", "ci": {}}""", 1, 13, "both set")]
    [InlineData("""{"i32": 1, "i32": 2}""", 1, 12, "more than once")]
    [InlineData("""{"b": "true"}""", 1, 7, "Expected true or false")]
    [InlineData("""{"ri": [1,]}""", 1, 11, "Unexpected character")]
    [InlineData("""{"s": "abc""", 1, 11, "Unterminated string")]
    public void Bad_json_fails_with_the_position_of_the_problem(string json, int line, int column, string reason)
    {
        var error = Assert.Throws<ProtoFormatException>(() => ProtoJsonFormat.Parse(TestSchemas.Message("rich.Rich"), json));

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_nested_past_the_depth_limit_is_rejected_without_recursing_further()
    {
        var json = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            json.Append("{\"child\":");
        }
        json.Append("{}").Append('}', 5000);

        var error = Assert.Throws<ProtoFormatException>(() => ProtoJsonFormat.Parse(TestSchemas.Message("rich.Inner"), json.ToString()));

        Assert.Contains("deeper than the limit", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"ts": "10000-01-01T00:00:00Z"}""")]
    [InlineData("""{"ts": "2023-02-30T00:00:00Z"}""")]
    [InlineData("""{"dur": "315576000001s"}""")]
    [InlineData("""{"dur": "1.5"}""")]
    [InlineData("""{"any": {"@type": "type.googleapis.com/rich.Missing"}}""")]
    public void Invalid_well_known_values_are_rejected(string json) =>
        Assert.Throws<ProtoFormatException>(() => ProtoJsonFormat.Parse(TestSchemas.Message("rich.Known"), json, TestSchemas.Rich));
}

/// <summary>python3-protobuf's json_format through a small script; tests skip without it.</summary>
internal sealed class JsonPeer
{
    private static readonly Lazy<JsonPeer?> Instance = new(Create);
    private readonly string _outDir;

    private JsonPeer(string outDir) => _outDir = outDir;

    public static JsonPeer Require()
    {
        Protoc.RequireInstalled();
        return Instance.Value ?? throw new InvalidOperationException("unreachable");
    }

    private static JsonPeer? Create()
    {
        if (!File.Exists("/usr/bin/python3"))
        {
            Assert.Skip("/usr/bin/python3 is not installed (scripts/setup installs python3-protobuf)");
        }
        var outDir = Directory.CreateTempSubdirectory("steward-jsonpeer").FullName;
        Protoc.Run(Array.Empty<byte>(), "-I", ".", "--python_out=" + outDir, "rich.proto");
        return new JsonPeer(outDir);
    }

    public byte[] FromJson(string type, string json) => Run("fromjson", type, Encoding.UTF8.GetBytes(json));

    public string ToJson(string type, byte[] binary) => Encoding.UTF8.GetString(Run("tojson", type, binary));

    private byte[] Run(string mode, string type, byte[] input)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(TestSchemas.ProtoDirectory, "jsonpeer.py"), _outDir, mode, type })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        copy.Wait();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"python json_format failed: {error.Result}");
        }
        return output.ToArray();
    }
}
