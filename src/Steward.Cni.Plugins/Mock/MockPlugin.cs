using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Cni.Skel;
using Steward.Cni.Types;

namespace Steward.Cni.Plugins.Mock;

/// <summary>
/// A plugin for testing runtimes (the role of libcni's noop test plugin). Every invocation is appended
/// as one JSON line to the file named by the config's "log"; the answer per command comes from
/// "responses": <c>{"ADD": {"result": {...}} | {"error": {"code": 7, "msg": "..."}} | {"exitCode": 3,
/// "stdout": "...", "stderr": "..."}}</c>. Without a response, ADD passes prevResult through (or
/// returns an empty result) and the other commands succeed.
/// </summary>
internal sealed class MockPlugin : ICniPlugin
{
    private readonly JsonObject? _responses;
    private readonly IReadOnlyList<string>? _supported;

    private MockPlugin(JsonObject? config)
    {
        _responses = config?["responses"] as JsonObject;
        if (config?["supportedVersions"] is JsonArray versions)
        {
            _supported = versions.Select(v => v?.GetValue<string>() ?? "").ToList();
        }
    }

    public string About => "Steward mock plugin (records invocations, answers as configured)";

    public IReadOnlyList<string> SupportedVersions => _supported ?? CniVersions.Supported;

    public static int RunProcess()
    {
        using var stdin = CniPluginHost.StandardStream(0, FileAccess.Read);
        using var stdout = CniPluginHost.StandardStream(1, FileAccess.Write);
        using var stderr = new StreamWriter(CniPluginHost.StandardStream(2, FileAccess.Write)) { AutoFlush = true };
        return Run(CniPluginHost.ProcessEnvironment(), stdin, stdout, stderr);
    }

    public static int Run(IReadOnlyDictionary<string, string> env, Stream stdin, Stream stdout, TextWriter stderr)
    {
        using var buffer = new MemoryStream();
        CopyBounded(stdin, buffer, NetConf.MaxConfigBytes + 1);
        var input = buffer.ToArray();
        var config = TryParse(input);
        var command = env.GetValueOrDefault("CNI_COMMAND", "");
        Record(config, command, env, input);

        if (config?["responses"]?[command] is JsonObject response && response["exitCode"] is JsonValue code)
        {
            if (response["stdout"] is JsonValue o)
            {
                stdout.Write(Encoding.UTF8.GetBytes(o.GetValue<string>()));
            }
            if (response["stderr"] is JsonValue e)
            {
                stderr.Write(e.GetValue<string>());
            }
            return code.GetValue<int>();
        }
        return CniPluginHost.Run(new MockPlugin(config), env, new MemoryStream(input, writable: false), stdout, stderr);
    }

    public CniResult Add(CniRequest request)
    {
        var response = Respond("ADD");
        if (response?["result"] is JsonObject result)
        {
            var copy = result.DeepClone().AsObject();
            copy["cniVersion"] ??= request.Config.CniVersion;
            return CniResult.Parse(JsonSerializer.SerializeToUtf8Bytes(copy, CniJsonContext.Default.JsonObject));
        }
        return request.Config.PrevResult() ?? new CniResult { CniVersion = CniVersions.Current };
    }

    public void Del(CniRequest request) => Respond("DEL");
    public void Check(CniRequest request) => Respond("CHECK");
    public void Status(CniRequest request) => Respond("STATUS");
    public void Gc(CniRequest request) => Respond("GC");

    /// <summary>Throws the configured error for <paramref name="command"/>, else returns its response.</summary>
    private JsonObject? Respond(string command)
    {
        var response = _responses?[command] as JsonObject;
        if (response?["error"] is JsonObject error)
        {
            throw new CniException(
                error["code"]?.GetValue<uint>() ?? CniErrorCode.Internal,
                error["msg"]?.GetValue<string>() ?? "mock error",
                error["details"]?.GetValue<string>());
        }
        return response;
    }

    private static JsonObject? TryParse(byte[] input)
    {
        try
        {
            return input.Length is > 0 and <= NetConf.MaxConfigBytes ? JsonNode.Parse(input) as JsonObject : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Record(JsonObject? config, string command, IReadOnlyDictionary<string, string> env, byte[] input)
    {
        if (config?["log"] is not JsonValue logValue || !logValue.TryGetValue<string>(out var log) || log.Length == 0)
        {
            return;
        }
        var envObject = new JsonObject();
        foreach (var (k, v) in env.Where(e => e.Key.StartsWith("CNI_", StringComparison.Ordinal)).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            envObject[k] = v;
        }
        var line = new JsonObject
        {
            ["command"] = command,
            ["env"] = envObject,
            ["stdin"] = Encoding.UTF8.GetString(input),
            ["pid"] = Environment.ProcessId,
        };
        var bytes = Encoding.UTF8.GetBytes(line.ToJsonString() + "\n");
        // One write on an O_APPEND file keeps concurrent invocations' lines whole.
        using var file = new FileStream(log, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        file.Write(bytes);
    }

    private static void CopyBounded(Stream from, Stream to, int max)
    {
        var chunk = new byte[16384];
        int n;
        while ((n = from.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (to.Length + n <= max)
            {
                to.Write(chunk, 0, n);
            }
        }
    }
}
