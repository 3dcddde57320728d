using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Steward.Rpc.Grpc.Reflection;

namespace Steward.Rpc.Grpc;

/// <summary>Hosts gRPC server reflection on a Steward server.</summary>
public static class GrpcReflectionExtensions
{
    /// <summary>
    /// Hosts gRPC server reflection, v1 and v1alpha, describing every service and message whose .proto was
    /// compiled by Steward's generator into a loaded assembly.
    /// </summary>
    public static IStewardServerBuilder AddGrpcReflection(this IStewardServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(sp => new ReflectionService(sp, sp.GetService<Microsoft.Extensions.Logging.ILogger<ReflectionService>>()));
        builder.Services.AddSingleton(new StewardServiceRegistration(sp => sp.GetRequiredService<ReflectionService>().BindV1()));
        builder.Services.AddSingleton(new StewardServiceRegistration(sp => sp.GetRequiredService<ReflectionService>().BindV1Alpha()));
        return builder;
    }
}
