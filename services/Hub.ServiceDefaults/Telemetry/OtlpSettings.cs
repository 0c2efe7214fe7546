using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Hub.ServiceDefaults.Telemetry;

/// <summary>Where and how to export, read from the standard OpenTelemetry environment variables.</summary>
internal sealed record OtlpSettings(Uri Endpoint, OtlpExportProtocol Protocol, string ServiceName)
{
    public static OtlpSettings? From(IConfiguration configuration, string applicationName)
    {
        var endpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        var protocol = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] == "http/protobuf"
            ? OtlpExportProtocol.HttpProtobuf
            : OtlpExportProtocol.Grpc;
        var serviceName = configuration["OTEL_SERVICE_NAME"] ?? applicationName;
        return new OtlpSettings(new Uri(endpoint), protocol, serviceName);
    }

    /// <summary>
    /// OTLP over HTTP posts each signal to its own path; an endpoint given in code is used as it is,
    /// so the path is added here as the exporter would for the environment variable.
    /// </summary>
    public Uri SignalEndpoint(string signalPath) => Protocol == OtlpExportProtocol.HttpProtobuf
        ? new Uri(Endpoint, Endpoint.AbsolutePath.TrimEnd('/') + "/" + signalPath)
        : Endpoint;
}
