using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Steward.Hosting.Linux;

/// <summary>Puts Steward's epoll transport under a web host's Kestrel.</summary>
public static class LinuxTransportExtensions
{
    /// <summary>
    /// Serves Kestrel's TCP and Unix-socket endpoints through Steward's epoll transport instead of .NET sockets.
    /// Registered after Kestrel's own factory, so it is tried first; endpoints it cannot bind fall back.
    /// </summary>
    public static IWebHostBuilder UseStewardLinuxTransport(this IWebHostBuilder builder, Action<LinuxTransportOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureServices(services =>
        {
            services.AddSingleton<IConnectionListenerFactory, LinuxTransportFactory>();
            if (configure is not null)
            {
                services.Configure(configure);
            }
        });
    }
}
