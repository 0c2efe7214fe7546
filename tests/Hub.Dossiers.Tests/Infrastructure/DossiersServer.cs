using Hub.Dossiers.Data;
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

namespace Hub.Dossiers.Tests.Infrastructure;

/// <summary>The real dossier service (its own Extensions), on Kestrel with a free h2c port, after its migrations.</summary>
public sealed class DossiersServer : IAsyncDisposable
{
    public const string HashKey = "test-applicant-hash-key-0123456789abcdef";

    private readonly WebApplication _app;

    private DossiersServer(WebApplication app)
    {
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxSendMessageSize = 64 * 1024 * 1024 });
    }

    public GrpcChannel Channel { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<DossiersServer> StartAsync(
        string databaseConnectionString, Uri rabbitMq, TestTokenIssuer issuer, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:Postgres"] = databaseConnectionString,
            ["ConnectionStrings:RabbitMQ"] = rabbitMq.ToString(),
            ["Hub:ServiceName"] = $"dossiers-test-{Guid.NewGuid():N}"[..24],
            ["Sync:ApplicantHashKey"] = HashKey,
            ["Sync:UnitsFile"] = Path.Combine(AppContext.BaseDirectory, "test-units.csv"),
            ["Outbox:PollInterval"] = "00:00:01",
            ["Outbox:RetryDelay"] = "00:00:00.500",
            ["Outbox:PublishTimeout"] = "00:00:05",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(issuer.ServiceSettings);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.AddServiceDefaults();
        builder.AddDossiersService();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapDossiersService();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Database.MigrateAsync();
        }
        await app.StartAsync();
        return new DossiersServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
