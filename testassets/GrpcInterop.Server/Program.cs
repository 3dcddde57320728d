using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GrpcInterop.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steward.Rpc;
using Steward.Rpc.Grpc;

// The gRPC interop test server: --port=N --use_tls=false|true (flags as the interop test descriptions define them).
var flags = Flags.Parse(args);
var port = int.Parse(flags.GetValueOrDefault("port", "50052"), System.Globalization.CultureInfo.InvariantCulture);
var useTls = flags.GetValueOrDefault("use_tls", "false") == "true";

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l =>
{
    l.Protocols = HttpProtocols.Http2;
    if (useTls)
    {
        l.UseHttps(SelfSigned());
    }
}));
builder.Services.AddStewardGrpc().AddService<TestServiceImpl>();
var app = builder.Build();
app.UseStewardGrpc();
await app.StartAsync();
Console.WriteLine($"GrpcInterop.Server listening on {(useTls ? "https" : "http")}://localhost:{port}");
await app.WaitForShutdownAsync();

static X509Certificate2 SelfSigned()
{
    using var key = RSA.Create(2048);
    var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    var san = new SubjectAlternativeNameBuilder();
    san.AddDnsName("localhost");
    san.AddDnsName("foo.test.google.fr");
    request.CertificateExtensions.Add(san.Build());
    using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
}

internal static class Flags
{
    /// <summary>Accepts <c>--name=value</c> and <c>--name value</c>.</summary>
    public static Dictionary<string, string> Parse(string[] args)
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
}
