using Hub.Grpc.Health.V1;
using Hub.Grpc.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Grpc.Health;

public static class HealthEndpointRouteBuilderExtensions
{
    /// <summary>Maps grpc.health.v1.Health, answering from <see cref="HealthStatusRegistry"/>.</summary>
    public static IEndpointConventionBuilder MapGrpcHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var registry = endpoints.ServiceProvider.GetRequiredService<HealthStatusRegistry>();

        return endpoints.MapGrpcService(HealthReflection.Descriptor.Services[0], service => service
            .Unary<HealthCheckRequest, HealthCheckResponse>("Check", (request, _) =>
                registry.TryGetStatus(request.Service, out var status)
                    ? Task.FromResult(new HealthCheckResponse { Status = status })
                    : throw new GrpcCallException(GrpcStatusCode.NotFound, $"Unknown service '{request.Service}'."))
            .ServerStreaming<HealthCheckRequest, HealthCheckResponse>("Watch", async (request, responses, context) =>
            {
                await foreach (var status in registry.WatchAsync(request.Service, context.CancellationToken))
                {
                    await responses.WriteAsync(new HealthCheckResponse { Status = status });
                }
            }));
    }
}
