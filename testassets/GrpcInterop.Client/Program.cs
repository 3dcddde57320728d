using GrpcInterop.Client;
using Steward.Rpc.Grpc;

// The gRPC interop test client: --server_host --server_port --test_case=NAME --use_tls (exit 0 on pass).
var flags = ParseFlags(args);
var host = flags.GetValueOrDefault("server_host", "localhost");
var port = flags.GetValueOrDefault("server_port", "50052");
var testCases = flags.GetValueOrDefault("test_case", "");
var useTls = flags.GetValueOrDefault("use_tls", "false") == "true";

var options = new GrpcChannelOptions();
if (useTls)
{
    // The interop servers use test certificates; --use_test_ca is how the descriptions allow that.
    options.ServerCertificateValidation = (_, _, _, _) => true;
}
using var channel = GrpcChannel.ForAddress($"{(useTls ? "https" : "http")}://{host}:{port}", options);
var cases = new InteropCases(channel);
// Several cases may be given comma-separated; each prints its own "name: passed" or "name: FAILED: why" line.
var failures = 0;
foreach (var testCase in testCases.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
{
    if (!InteropCases.Names.Contains(testCase))
    {
        Console.Error.WriteLine($"unknown test case '{testCase}'; known: {string.Join(", ", InteropCases.Names)}");
        return 2;
    }
    try
    {
        await cases.RunAsync(testCase);
        Console.WriteLine($"{testCase}: passed");
    }
    catch (Exception ex)
    {
        failures++;
        Console.WriteLine($"{testCase}: FAILED: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}");
    }
}
return failures == 0 ? 0 : 1;

static Dictionary<string, string> ParseFlags(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        var arg = args[i];
        if (!arg.StartsWith("--", StringComparison.Ordinal))
        {
            continue;
        }
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        if (eq > 0)
        {
            result[arg[2..eq]] = arg[(eq + 1)..];
        }
        else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            result[arg[2..]] = args[++i];
        }
        else
        {
            result[arg[2..]] = "true";
        }
    }
    return result;
}
