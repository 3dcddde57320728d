using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Steward.Rpc.Grpc.Tests;

/// <summary>A Kestrel server on a loopback port (h2c, or TLS with a self-signed certificate, or a Unix socket) hosting the echo service.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestServer(WebApplication app, string address, LogSink logs, string? socketPath)
    {
        _app = app;
        Address = address;
        Logs = logs;
        SocketPath = socketPath;
    }

    public string Address { get; }
    public LogSink Logs { get; }
    public string? SocketPath { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<TestServer> StartAsync(Action<StewardServerOptions>? configure = null, bool tls = false, bool unixSocket = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var logs = new LogSink();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        string? socketPath = null;
        builder.WebHost.ConfigureKestrel(k =>
        {
            if (unixSocket)
            {
                socketPath = Path.Combine(Path.GetTempPath(), "steward-grpc-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
                k.ListenUnixSocket(socketPath, l => l.Protocols = HttpProtocols.Http2);
            }
            else
            {
                k.Listen(IPAddress.Loopback, 0, l =>
                {
                    l.Protocols = HttpProtocols.Http2;
                    if (tls)
                    {
                        l.UseHttps(CreateCertificate());
                    }
                });
            }
        });
        builder.Services.AddStewardGrpc(configure).AddService(EchoService.Bind()).AddGrpcHealth();
        var app = builder.Build();
        app.UseStewardGrpc();
        app.MapStewardGrpc();
        await app.StartAsync();
        var address = unixSocket
            ? "http://localhost"
            : app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        return new TestServer(app, address, logs, socketPath);
    }

    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null)
    {
        options ??= new GrpcChannelOptions();
        if (Address.StartsWith("https", StringComparison.Ordinal))
        {
            options.ServerCertificateValidation = (_, _, _, _) => true;
        }
        if (SocketPath is not null)
        {
            options.UnixSocketPath = SocketPath;
        }
        return GrpcChannel.ForAddress(Address, options);
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (SocketPath is not null)
        {
            File.Delete(SocketPath);
        }
    }
}

public sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void Dispose() { }

    public bool Contains(string text) => Lines.Any(l => l.Contains(text, StringComparison.Ordinal));

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
    }
}

/// <summary>A string-payload service covering the four call kinds and the failure paths.</summary>
public static class EchoService
{
    public const string Name = "test.Echo";
    public static readonly Marshaller<string> Utf8 = Marshallers.Create<string>(
        (s, w) => w.Write(Encoding.UTF8.GetBytes(s)),
        seq => new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(seq.ToArray()));

    public static readonly Method<string, string> Unary = new(MethodType.Unary, Name, "Unary", Utf8, Utf8);
    public static readonly Method<string, string> Split = new(MethodType.ServerStreaming, Name, "Split", Utf8, Utf8);
    public static readonly Method<string, string> Concat = new(MethodType.ClientStreaming, Name, "Concat", Utf8, Utf8);
    public static readonly Method<string, string> Duplex = new(MethodType.DuplexStreaming, Name, "Duplex", Utf8, Utf8);
    public static readonly Method<string, string> Missing = new(MethodType.Unary, Name, "Missing", Utf8, Utf8);
    public static readonly Method<string, string> MissingService = new(MethodType.Unary, "test.Nowhere", "Call", Utf8, Utf8);

    private static int _running;
    private static readonly Lock RunningLock = new();
    /// <summary>Most "slow" handlers seen running at once (tests of the dispatch bound reset it).</summary>
    public static int MaxRunning { get; set; }

    public static ServiceDefinition Bind() => ServiceDefinition.CreateBuilder(Name)
        .AddMethod(Unary, UnaryAsync)
        .AddMethod(Split, SplitAsync)
        .AddMethod(Concat, ConcatAsync)
        .AddMethod(Duplex, DuplexAsync)
        .Build();

    private static async Task<string> UnaryAsync(string request, ServerCallContext context)
    {
        switch (request)
        {
            case "sleep":
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
                return "";
            case "throw":
                throw new InvalidOperationException("boom");
            case "bad-trailer":
                context.ResponseTrailers.Add("no spaces allowed", "v");
                return "";
            case "bad-error-trailer":
                throw new RpcException(new Status(StatusCode.NotFound, "missing"), new Metadata().Add("x-raw", [1, 2]));
            case "upper-case-trailer":
                context.ResponseTrailers.Add("X-Upper", "v");
                return "";
            case "headers":
                var value = context.RequestHeaders.GetValue("x-text") ?? "";
                var bin = context.RequestHeaders.GetValueBytes("x-data-bin") ?? [];
                await context.WriteResponseHeadersAsync(new Metadata().Add("x-echo", value));
                context.ResponseTrailers.Add("x-echo-bin", bin);
                return value;
            case "slow":
                var now = Interlocked.Increment(ref _running);
                lock (RunningLock)
                {
                    MaxRunning = Math.Max(MaxRunning, now);
                }
                await Task.Delay(30, context.CancellationToken);
                Interlocked.Decrement(ref _running);
                return "slow";
            case "compressed?":
                return ((GrpcServerCallContext)context).LastRequestCompressed ? "yes" : "no";
        }
        if (request.StartsWith("fail:", StringComparison.Ordinal))
        {
            var parts = request.Split(':', 3);
            throw new RpcException(new Status((StatusCode)int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2]));
        }
        if (request.StartsWith("big:", StringComparison.Ordinal))
        {
            return new string('x', int.Parse(request[4..], System.Globalization.CultureInfo.InvariantCulture));
        }
        if (request.StartsWith("gzip:", StringComparison.Ordinal))
        {
            ((GrpcServerCallContext)context).ResponseCompression = GrpcProtocol.Gzip;
            return request[5..];
        }
        return request;
    }

    private static async Task SplitAsync(string request, IServerStreamWriter<string> responses, ServerCallContext context)
    {
        foreach (var c in request)
        {
            await responses.WriteAsync(c.ToString());
        }
    }

    private static async Task<string> ConcatAsync(IAsyncStreamReader<string> requests, ServerCallContext context)
    {
        var sb = new StringBuilder();
        await foreach (var item in requests.ReadAllAsync())
        {
            sb.Append(item);
        }
        return sb.ToString();
    }

    private static async Task DuplexAsync(IAsyncStreamReader<string> requests, IServerStreamWriter<string> responses, ServerCallContext context)
    {
        await foreach (var item in requests.ReadAllAsync())
        {
            await responses.WriteAsync(item.ToUpperInvariant());
        }
    }
}
