using Hub.Catalogue.Data;
using Hub.Grpc.Client;
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

namespace Hub.Catalogue.Tests;

/// <summary>The real catalogue service on a fresh database and the shared broker, with a token issuer it trusts.</summary>
public sealed class CatalogueServer : IAsyncLifetime, IDisposable
{
    private readonly PostgresDatabase _database = new();
    private WebApplication _app = null!;

    public TestTokenIssuer Issuer { get; } = new();

    public GrpcChannel Channel { get; private set; } = null!;

    public string ConnectionString => _database.ConnectionString;

    public IServiceProvider Services => _app.Services;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var servers = await TestServers.GetAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:Postgres"] = _database.ConnectionString,
            ["ConnectionStrings:RabbitMQ"] = servers.RabbitMqUri.ToString(),
            ["Hub:ServiceName"] = $"catalogue-test-{Guid.NewGuid():N}"[..24],
            ["Sync:UnitsFile"] = Path.Combine(AppContext.BaseDirectory, "test-units.csv"),
            ["Outbox:PollInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(Issuer.ServiceSettings);
        builder.AddServiceDefaults();
        builder.AddCatalogueService();
        _app = builder.Build();
        _app.MapDefaultEndpoints();
        _app.MapCatalogueService();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CatalogueDbContext>().Database.MigrateAsync();
        }
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Channel = GrpcChannel.ForAddress(address);
    }

    public CallOptions Hanoi() => new() { BearerToken = Issuer.Issue("tenant-01", "01", "hub.sync") };

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    public void Dispose() => Issuer.Dispose();
}
