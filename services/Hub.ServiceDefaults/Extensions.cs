using Hub.ServiceDefaults.Health;
using Hub.ServiceDefaults.Logging;
using Hub.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hub.ServiceDefaults;

/// <summary>What every Hub service gets from its hosting: logs, traces, metrics, health, errors.</summary>
public static class Extensions
{
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddHubConsoleLogging();
        builder.AddHubTelemetry();
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>
    /// <c>/healthz</c> answers while the process runs (liveness); <c>/readyz</c> answers 200 only
    /// while every dependency tagged <see cref="HealthTags.Ready"/> is healthy, 503 otherwise.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Probes carry no token, even where every other endpoint needs one.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();
        return app;
    }
}
