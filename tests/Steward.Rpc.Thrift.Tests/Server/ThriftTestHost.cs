using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Steward.Rpc.Thrift.Tests.Server;

/// <summary>A Kestrel host with one Thrift endpoint (loopback TCP, TLS with a self-signed certificate, or a Unix socket) serving <see cref="CalcService"/>.</summary>
public sealed class ThriftTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ThriftTestHost(WebApplication app, string target, TestLogs logs, string? socketPath, bool tls)
    {
        _app = app;
        Target = target;
        Logs = logs;
        SocketPath = socketPath;
        Tls = tls;
    }

    /// <summary><c>127.0.0.1:port</c> or <c>unix:/path</c>.</summary>
    public string Target { get; }
    public int Port => int.Parse(Target[(Target.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    public TestLogs Logs { get; }
    public string? SocketPath { get; }
    public bool Tls { get; }

    public static async Task<ThriftTestHost> StartAsync(
        Action<ThriftServerOptions>? thrift = null, Action<StewardServerOptions>? core = null, bool tls = false, bool unixSocket = false,
        ServiceDefinition[]? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var logs = new TestLogs();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        string? socketPath = null;
        builder.WebHost.ConfigureKestrel(k =>
        {
            if (unixSocket)
            {
                socketPath = Path.Combine(Path.GetTempPath(), "steward-thrift-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
                k.ListenUnixSocket(socketPath, l => l.UseStewardThrift(thrift));
            }
            else
            {
                k.Listen(IPAddress.Loopback, 0, l =>
                {
                    if (tls)
                    {
                        l.UseHttps(CreateCertificate());
                    }
                    l.UseStewardThrift(thrift);
                });
            }
        });
        var steward = builder.Services.AddStewardThrift(core);
        foreach (var service in services ?? [CalcService.Bind()])
        {
            steward.AddService(service);
        }
        var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        string target;
        if (socketPath is not null)
        {
            target = "unix:" + socketPath;
        }
        else
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            target = "127.0.0.1:" + new Uri(address).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return new ThriftTestHost(app, target, logs, socketPath, tls);
    }

    public ThriftChannel CreateChannel(ThriftChannelOptions? options = null)
    {
        options ??= new ThriftChannelOptions();
        if (Tls)
        {
            options.Tls ??= new SslClientAuthenticationOptions { TargetHost = "localhost", RemoteCertificateValidationCallback = (_, _, _, _) => true };
        }
        return new ThriftChannel(Target, options);
    }

    /// <summary>A plain TCP socket to the endpoint, for tests that write bytes by hand.</summary>
    public async Task<Socket> ConnectRawAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, Port, TestContext.Current.CancellationToken);
        return socket;
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        if (SocketPath is not null)
        {
            File.Delete(SocketPath);
        }
    }
}

/// <summary>Collects log lines so tests can assert what the server reported.</summary>
public sealed class TestLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public bool Contains(string text) => Lines.Any(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>Waits (bounded) for a line containing <paramref name="text"/>, then asserts it is there.</summary>
    public async Task AssertLoggedAsync(string text)
    {
        for (var i = 0; i < 200 && !Contains(text); i++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
        Assert.True(Contains(text), $"no log line has '{text}':\n{string.Join('\n', Lines)}");
    }

    private sealed class Logger(TestLogs sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
    }
}
