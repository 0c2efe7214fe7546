using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Hub.Grpc.Client;
using Hub.ServiceDefaults;
using Hub.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Hub.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Hub.Gateway.Tests;

/// <summary>
/// The gateway as Program.cs builds it, on real loopback ports, in front of a <see cref="Backend"/>,
/// trusting a <see cref="TestTokenIssuer"/>. Its routes live in a JSON file that a test may rewrite
/// to see the gateway reload them.
/// </summary>
public class GatewayUnderTest : IAsyncLifetime
{
    public const string SlowTenant = "slow";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"hub-gateway-{Guid.NewGuid():N}");
    private readonly bool _probeRoute;

    public GatewayUnderTest()
        : this(probeRoute: true)
    {
    }

    protected GatewayUnderTest(bool probeRoute) => _probeRoute = probeRoute;
    private WebApplication? _app;

    internal Backend Backend { get; private set; } = null!;

    public TestTokenIssuer Issuer { get; } = new();

    public int HttpPort { get; } = FreePort.Next();

    public int GrpcPort { get; } = FreePort.Next();

    /// <summary>The edge port: TLS, with HTTP/2 or HTTP/1.1 chosen by ALPN.</summary>
    public int TlsPort { get; } = FreePort.Next();

    public X509Certificate2 Certificate { get; } = TestCertificate.Create();

    public GrpcChannel Channel { get; private set; } = null!;

    public HttpClient Rest { get; private set; } = null!;

    public List<string> AccessLog { get; } = [];

    public async Task InitializeAsync()
    {
        Backend = await Backend.StartAsync();
        Directory.CreateDirectory(_folder);
        await File.WriteAllBytesAsync(Path.Combine(_folder, "gateway.pfx"), Certificate.Export(X509ContentType.Pfx, "test"));
        await WriteRoutesAsync(extraRoute: null);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _folder, EnvironmentName = "Testing" });
        var servers = await TestServers.GetAsync();
        builder.Configuration.AddInMemoryCollection(Settings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RabbitMQ"] = servers.RabbitMqUri.ToString(),
            ["Hub:ServiceName"] = $"gateway-test-{Guid.NewGuid():N}"[..24],
        });
        // Polling: a file watcher is not reliable in every container, and the test must see the change.
        var files = new PhysicalFileProvider(_folder) { UsePollingFileWatcher = true, UseActivePolling = true };
        builder.Configuration.AddJsonFile(files, "proxy.json", optional: false, reloadOnChange: true);
        builder.AddServiceDefaults();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ListLoggerProvider(AccessLog, "Hub.Gateway.Logging"));
        builder.AddGatewayServices();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGateway();
        await app.StartAsync();
        _app = app;
        // The revocation queue is bound while the bus starts; an event published before then is not
        // this gateway's to hear (a gateway that starts late loads identity's snapshot instead).
        var bus = app.Services.GetRequiredService<IBusControl>();
        if (!await Eventually.HoldsAsync(() => bus.CheckHealth().Status == BusHealthStatus.Healthy, TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("The gateway's bus did not become healthy within 60 s.");
        }

        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{GrpcPort}");
        Rest = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}") };
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        Rest.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        await Backend.DisposeAsync();
        Issuer.Dispose();
        Certificate.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Publishes an event as another service would: from a bus of its own, through the broker.</summary>
    public static async Task PublishAsync<T>(T message)
        where T : class
    {
        var servers = await TestServers.GetAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:RabbitMQ"] = servers.RabbitMqUri.ToString() });
        builder.AddHubMessaging();
        using var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IPublishEndpoint>().Publish(message);
        await host.StopAsync();
    }


    /// <summary>Rewrites the route file with one more route to the Probe service.</summary>
    public Task AddRouteAsync(string routeId, string path) => WriteRoutesAsync((routeId, path));

    private Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>(Issuer.ServiceSettings)
        {
            ["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{HttpPort}",
            ["Kestrel:Endpoints:Http:Protocols"] = "Http1",
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{GrpcPort}",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["Kestrel:Endpoints:Https:Url"] = $"https://127.0.0.1:{TlsPort}",
            ["Kestrel:Endpoints:Https:Protocols"] = "Http1AndHttp2",
            ["Kestrel:Endpoints:Https:Certificate:Path"] = Path.Combine(_folder, "gateway.pfx"),
            ["Kestrel:Endpoints:Https:Certificate:Password"] = "test",
            ["Hub:RateLimits:Tiers:Tiny:PerSecond"] = "1",
            ["Hub:RateLimits:Tiers:Tiny:Burst"] = "3",
            ["Hub:RateLimits:Tenants:" + SlowTenant] = "Tiny",
        };
        return settings;
    }

    private async Task WriteRoutesAsync((string Id, string Path)? extraRoute)
    {
        var routes = new Dictionary<string, object> { ["scores"] = Route("rest", "/api/v1/scores/{**rest}", "hub.scores.read") };
        if (_probeRoute)
        {
            routes["probe"] = Route("probe", "/hub.gatewaytest.v1.Probe/{method}", "hub.sync");
        }
        if (extraRoute is { } extra)
        {
            routes[extra.Id] = Route("probe", extra.Path, "hub.sync");
        }

        var healthCheck = new
        {
            Active = new { Enabled = true, Interval = "00:00:01", Timeout = "00:00:01", Policy = "ConsecutiveFailures", Path = "/readyz" },
            Passive = new { Enabled = true, Policy = "TransportFailureRate", ReactivationPeriod = "00:00:02" },
        };
        var proxy = new
        {
            ReverseProxy = new
            {
                Routes = routes,
                Clusters = new Dictionary<string, object>
                {
                    ["probe"] = new
                    {
                        HttpRequest = new { Version = "2", VersionPolicy = "RequestVersionExact" },
                        HealthCheck = healthCheck,
                        Destinations = new { one = new { Address = $"http://127.0.0.1:{Backend.GrpcPort}" } },
                    },
                    ["rest"] = new { Destinations = new { one = new { Address = $"http://127.0.0.1:{Backend.RestPort}" } } },
                },
            },
        };
        var path = Path.Combine(_folder, "proxy.json");
        await File.WriteAllTextAsync(path + ".tmp", JsonSerializer.Serialize(proxy));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static object Route(string cluster, string path, string policy) => new
    {
        ClusterId = cluster,
        AuthorizationPolicy = policy,
        RateLimiterPolicy = "per-client",
        Match = new { Path = path },
    };
}

/// <summary>A gateway that starts with no route to the Probe service.</summary>
public sealed class GatewayWithoutProbeRoute() : GatewayUnderTest(probeRoute: false);
