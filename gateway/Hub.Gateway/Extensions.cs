using Hub.Gateway.Errors;
using Hub.Gateway.Logging;
using Hub.Gateway.RateLimiting;
using Hub.Gateway.Security;
using Hub.ServiceDefaults.Messaging;
using Hub.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;

namespace Hub.Gateway;

public static class Extensions
{
    public const string ReverseProxySection = "ReverseProxy";

    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.AddHubAuthentication();
        // Revocations from identity reach this gateway over the broker (see RevocationList).
        builder.AddHubMessaging(bus => bus.AddRevocationConsumer());
        // Secure by default: a route without a policy needs a valid token; public routes (the token
        // endpoint, discovery) say "anonymous" in their configuration.
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.Configure<RateLimitSettings>(builder.Configuration.GetSection(RateLimitSettings.Section));
        // Routes may bound how long a call may take ("Timeout" in their configuration).
        builder.Services.AddRequestTimeouts();
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy<string, ClientRateLimitPolicy>(ClientRateLimitPolicy.Name));
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection(ReverseProxySection))
            .AddTransforms(HubHeaderStripper.Apply);
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseMiddleware<AccessLogMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(ProxyFailureResponder.InvokeAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
