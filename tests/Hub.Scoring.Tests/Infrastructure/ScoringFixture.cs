using Hub.Scoring.Engine;
using Hub.Scoring.Facts;
using Hub.Scoring.Periods;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Scoring.Tests.Infrastructure;

/// <summary>
/// One test class's scoring service: a fresh database on the shared server, the shared broker, a
/// token issuer and a settable clock (2026-06-15 10:00 local unless the class moves it).
/// </summary>
public sealed class ScoringFixture : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public TestTokenIssuer Issuer { get; } = new();

    public SettableTime Time { get; } = new(new DateTimeOffset(2026, 6, 15, 10, 0, 0, Period.LocalOffset));

    public ScoringServer Server { get; private set; } = null!;

    public string ConnectionString => _database.ConnectionString;

    public string ServiceName { get; } = $"scoring-test-{Guid.NewGuid():N}"[..24];

    public FactWriter Facts => Server.Services.GetRequiredService<FactWriter>();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var servers = await TestServers.GetAsync();
        Server = await ScoringServer.StartAsync(_database.ConnectionString, servers.RabbitMqUri, Issuer, Time, ServiceName);
    }

    /// <summary>Recomputes until nothing is dirty (alongside the service's own loop; claims keep them apart).</summary>
    public Task SettleAsync() => ScoringQueries.SettleAsync(Server.Services);

    /// <summary>The stored current score of a unit and period, or null.</summary>
    public Task<UnitScore?> ScoreAsync(string unit, string period) => ScoringQueries.ScoreAsync(ConnectionString, unit, period);

    public Task<long> ScalarAsync(string sql) => ScoringQueries.ScalarAsync(ConnectionString, sql);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Issuer.Dispose();
        await _database.DisposeAsync();
    }
}
