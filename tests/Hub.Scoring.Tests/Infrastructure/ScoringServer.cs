using Hub.Grpc.Client;
using Hub.Scoring.Data;
using Hub.ServiceDefaults;
using Hub.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hub.Scoring.Tests.Infrastructure;

/// <summary>
/// The real scoring service (its own Extensions) on Kestrel with free ports (REST on HTTP/1.1,
/// gRPC on HTTP/2 cleartext), after its migrations, on a fresh database and the shared broker,
/// with the test's clock and unit tree.
/// </summary>
public sealed class ScoringServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScoringServer(WebApplication app)
    {
        _app = app;
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        Address = new Uri(addresses.First());
        // The service binds its REST addresses first and its gRPC port last.
        GrpcAddress = new Uri(addresses.Last());
        Channel = GrpcChannel.ForAddress(GrpcAddress);
    }

    /// <summary>The REST API (HTTP/1.1).</summary>
    public Uri Address { get; }

    /// <summary>The gRPC API (HTTP/2 cleartext).</summary>
    public Uri GrpcAddress { get; }

    /// <summary>A gRPC channel to <see cref="GrpcAddress"/>, for the life of the server.</summary>
    public GrpcChannel Channel { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ScoringServer> StartAsync(
        string databaseConnectionString, Uri rabbitMq, TestTokenIssuer issuer, TimeProvider time, string serviceName,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Scoring:GrpcUrl"] = "http://127.0.0.1:0",
            ["ConnectionStrings:Postgres"] = databaseConnectionString,
            ["ConnectionStrings:RabbitMQ"] = rabbitMq.ToString(),
            ["Hub:ServiceName"] = serviceName,
            ["Scoring:UnitsFile"] = Path.Combine(AppContext.BaseDirectory, "test-units.csv"),
            ["Scoring:PollInterval"] = "00:00:00.200",
            // Fixtures put facts in through FactWriter; only tests of the event path consume events
            // (ScoringHost), so other test projects' sync events do not pile up in idle queues.
            ["Scoring:ConsumeEvents"] = "false",
            ["Outbox:PollInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(issuer.ServiceSettings);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.AddServiceDefaults();
        builder.AddScoringService();
        builder.Services.AddSingleton(time);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapScoringService();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ScoringDbContext>().Database.MigrateAsync();
        }
        await app.StartAsync();
        return new ScoringServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
