using Hub.Scoring.Engine;
using Hub.Scoring.Facts;
using Hub.Scoring.Periods;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

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
    public async Task SettleAsync()
    {
        var queue = Server.Services.GetRequiredService<DirtyTargets>();
        var engine = Server.Services.GetRequiredService<ScoreEngine>();
        for (var round = 0; round < 1000; round++)
        {
            var claimed = await queue.ClaimAsync(CancellationToken.None);
            if (claimed.Count > 0)
            {
                await engine.RecomputeAsync(claimed, CancellationToken.None);
                continue;
            }
            if (await queue.CountAsync(CancellationToken.None) == 0)
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("the dirty targets never settled");
    }

    /// <summary>The stored current score of a unit and period, or null.</summary>
    public async Task<UnitScore?> ScoreAsync(string unit, string period)
    {
        var p = Period.Parse(period);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT s.score::text FROM current_scores c JOIN score_snapshots s ON s.id = c.snapshot_id
            WHERE c.unit_code = @unit AND c.period_kind = @kind AND c.period_start = @start
            """, connection);
        command.Parameters.AddWithValue("unit", unit);
        command.Parameters.AddWithValue("kind", (short)p.Kind);
        command.Parameters.AddWithValue("start", p.Start);
        return await command.ExecuteScalarAsync() is string json ? ScoreJson.Deserialize(json) : null;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Issuer.Dispose();
        await _database.DisposeAsync();
    }
}
