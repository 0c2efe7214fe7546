using Hub.Grpc.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hub.Grpc.Server;

public static class GrpcServiceCollectionExtensions
{
    /// <summary>Registers the gRPC server's options, service registry and health status.</summary>
    public static IServiceCollection AddHubGrpc(this IServiceCollection services, GrpcServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(options ?? new GrpcServerOptions());
        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddSingleton<HealthStatusRegistry>();
        return services;
    }
}
