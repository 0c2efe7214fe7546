using System.Net;
using Hub.Grpc.Health;
using Hub.Grpc.Hosting;
using Hub.Grpc.Reflection;
using Hub.Grpc.Server;
using Hub.Scoring.V1;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Hub.Scoring.Grpc;

/// <summary>
/// hub.scoring.v1 on its own HTTP/2 cleartext port beside the REST API's HTTP/1.1 one. Cleartext
/// has no ALPN, so one port cannot serve both: Kestrel listens on every "urls" address (HTTP/1.1)
/// and on Scoring:GrpcUrl (HTTP/2). Listening explicitly makes Kestrel ignore "urls" by itself, so
/// both are bound here; the REST addresses come first in the server's address list. The HTTP/2
/// port serves the REST API too, and the gateway calls it there: multiplexed on a few connections,
/// a ranking request costs both processes less CPU than on HTTP/1.1 with a connection per call.
/// </summary>
public static class ScoresGrpcHosting
{
    private const string DefaultUrls = "http://localhost:5000";

    public static WebApplicationBuilder AddScoresGrpc(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(ScoringOptions.Section).Get<ScoresGrpcOptions>() ?? new ScoresGrpcOptions();
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddHubGrpc();
        services.AddSingleton<ScoreCallers>();
        services.AddSingleton<ScoreStore>();
        services.AddSingleton<ScoresGrpcService>();

        var rest = (builder.Configuration["urls"] ?? DefaultUrls)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => EndpointOf(url, "urls"))
            .ToList();
        var grpc = EndpointOf(options.GrpcUrl, "Scoring:GrpcUrl");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var endpoint in rest)
            {
                kestrel.Listen(endpoint, listen => listen.Protocols = HttpProtocols.Http1);
            }
            kestrel.ListenGrpcCleartext(grpc.Address, grpc.Port);
        });
        return builder;
    }

    /// <summary>ScoresService, with gRPC health and reflection (so grpcurl can list and call it).</summary>
    public static WebApplication MapScoresGrpc(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGrpcService(ScoringReflection.Descriptor.Services[0], app.Services.GetRequiredService<ScoresGrpcService>().Bind);
        app.MapGrpcHealth();
        app.MapGrpcReflection();
        return app;
    }

    /// <summary>"http://host:port" with host an IP address, localhost (loopback), or * / + (every address).</summary>
    private static IPEndPoint EndpointOf(string url, string setting)
    {
        var normalised = url.Trim().Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new InvalidOperationException($"{setting}: '{url}' is not an http:// address (scoring serves cleartext; TLS ends at the gateway).");
        }
        var host = uri.Host.Trim('[', ']');
        var address = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed) ? parsed
            : throw new InvalidOperationException($"{setting}: '{url}' names host '{uri.Host}'; use an IP address, localhost or *.");
        return new IPEndPoint(address, uri.Port);
    }
}
