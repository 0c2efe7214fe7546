using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hub.ServiceDefaults.Telemetry;

internal static class TelemetryExtensions
{
    /// <summary>
    /// Traces and metrics over OTLP, switched on by the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
    /// setting. Without it nothing listens to the activity sources, so tracing costs nothing.
    /// </summary>
    public static IHostApplicationBuilder AddHubTelemetry(this IHostApplicationBuilder builder)
    {
        var settings = OtlpSettings.From(builder.Configuration, builder.Environment.ApplicationName);
        if (settings is not null)
        {
            builder.Services.AddSingleton(settings);
            builder.Services.AddHostedService<OtlpExportService>();
        }
        return builder;
    }
}
