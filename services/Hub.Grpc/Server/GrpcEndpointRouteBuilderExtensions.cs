using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Hub.Grpc.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hub.Grpc.Server;

public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every method of <paramref name="service"/> at POST /{package.Service}/{Method}. Throws
    /// (at start-up) when <paramref name="bind"/> leaves a method unbound or binds it wrongly.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcService(
        this IEndpointRouteBuilder endpoints,
        ServiceDescriptor service,
        Action<GrpcServiceBuilder> bind)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(bind);

        var builder = new GrpcServiceBuilder(service);
        bind(builder);
        var methods = builder.Build();

        var provider = endpoints.ServiceProvider;
        var registry = provider.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Call services.AddHubGrpc() before mapping gRPC services.");
        var handler = new ServerCallHandler(
            provider.GetRequiredService<GrpcServerOptions>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("Hub.Grpc.Server"));

        registry.Add(service);
        provider.GetRequiredService<HealthStatusRegistry>().SetStatus(service.FullName, Health.V1.HealthCheckResponse.Types.ServingStatus.Serving);
        MapUnimplementedFallback(endpoints, registry, handler);

        var group = endpoints.MapGroup(string.Empty);
        foreach (var method in methods)
        {
            group.MapPost(method.Path, http => handler.HandleAsync(http, method))
                .WithDisplayName($"gRPC {method.Path}");
        }

        return group;
    }

    private static void MapUnimplementedFallback(IEndpointRouteBuilder endpoints, GrpcServiceRegistry registry, ServerCallHandler handler)
    {
        if (registry.FallbackMapped)
        {
            return;
        }

        registry.FallbackMapped = true;

        // Literal routes outrank parameters, so this only answers paths no service binds.
        endpoints.MapPost("/{service}/{method}", handler.HandleUnimplementedAsync)
            .WithDisplayName("gRPC unimplemented");
    }
}
