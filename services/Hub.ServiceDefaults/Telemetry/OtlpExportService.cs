using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Hub.ServiceDefaults.Telemetry;

/// <summary>
/// Owns the tracer and meter providers for the life of the host. OpenTelemetry.Extensions.Hosting
/// does not restore from the project's feed, so the providers are built and flushed here.
/// </summary>
internal sealed class OtlpExportService(OtlpSettings settings) : IHostedService, IDisposable
{
    // ASP.NET Core, HttpClient, Npgsql and MassTransit publish under these names; Hub.* is ours.
    private static readonly string[] Sources = ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", "MassTransit", "Hub.*"];
    private static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http",
        "System.Runtime", "Npgsql", "MassTransit", "Hub.*",
    ];

    private TracerProvider? _tracing;
    private MeterProvider? _metrics;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var resource = ResourceBuilder.CreateDefault().AddService(settings.ServiceName);
        _tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(Sources)
            .AddOtlpExporter(o =>
            {
                o.Endpoint = settings.SignalEndpoint("v1/traces");
                o.Protocol = settings.Protocol;
            })
            .Build();
        _metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(Meters)
            .AddOtlpExporter(o =>
            {
                o.Endpoint = settings.SignalEndpoint("v1/metrics");
                o.Protocol = settings.Protocol;
            })
            .Build();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _tracing?.ForceFlush(5000);
        _metrics?.ForceFlush(5000);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _tracing?.Dispose();
        _metrics?.Dispose();
    }
}
