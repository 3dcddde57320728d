using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Steward.Hosting.Linux;

namespace Steward.Rpc.Corba.Tests.Server;

/// <summary>A Kestrel host (sockets, or Steward's Linux transport) with one GIOP endpoint serving <see cref="CalcService"/> as "calc".</summary>
public sealed class CorbaTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CorbaTestHost(WebApplication app, int port, TestLogs logs, CalcService.State state, CorbaObjectAdapterOptions adapter)
    {
        _app = app;
        Port = port;
        Logs = logs;
        State = state;
        Adapter = adapter;
    }

    public int Port { get; }
    public TestLogs Logs { get; }
    public CalcService.State State { get; }
    public CorbaObjectAdapterOptions Adapter { get; }

    public string Ior(string key = "calc") => Adapter.CreateIor(key, CalcService.RepositoryId);

    public static async Task<CorbaTestHost> StartAsync(bool linuxTransport = false, Action<CorbaObjectAdapterOptions>? adapter = null,
        Action<StewardServerOptions>? core = null, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var logs = new TestLogs();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        if (linuxTransport)
        {
            builder.WebHost.UseStewardLinuxTransport(o => o.EventLoopCount = 1);
        }
        CorbaObjectAdapterOptions? configured = null;
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.UseStewardCorba(a =>
        {
            configured = a;
            a.Add("calc", CalcService.Name);
            adapter?.Invoke(a);
        })));
        var state = new CalcService.State();
        builder.Services.AddStewardCorba(core).AddService(CalcService.Bind(state));
        var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CorbaTestHost(app, new Uri(address).Port, logs, state, configured!);
    }

    public CorbaChannel CreateChannel(string key = "calc", CorbaChannelOptions? options = null) => new(Ior(key), options);

    public async Task<Socket> ConnectRawAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, Port, TestContext.Current.CancellationToken);
        return socket;
    }

    public Task StopAsync() => _app.StopAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
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

    private sealed class Logger(TestLogs sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
    }
}
