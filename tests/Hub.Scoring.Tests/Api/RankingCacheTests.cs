using System.Net.Http.Headers;
using Hub.Scoring.Engine;
using Hub.Scoring.Periods;
using Hub.Scoring.Tests.Consistency;
using Hub.Scoring.Tests.Infrastructure;
using Hub.Scoring.Units;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Hub.Scoring.Tests.Api.ScoresHttp;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Api;

/// <summary>
/// A replica serves a ranking it has read without asking the database again until scores change;
/// it learns of changes stored by another replica from their notification.
/// </summary>
public sealed class RankingCacheTests(ManualRecomputeFixture host) : IClassFixture<ManualRecomputeFixture>
{
    [Fact]
    public async Task A_ranking_read_before_another_replica_stores_scores_shows_them_soon_after()
    {
        await host.Facts.WriteAsync(Dossier("RC-1", unit: "26734", received: Local(2026, 2, 4)).Due(Local(2026, 2, 9)).FinishedAt(Local(2026, 2, 6)));
        await host.SettleAsync();
        using var client = new HttpClient { BaseAddress = host.Server.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Issuer.Issue("tenant-VN", "VN", "hub.scores.read"));
        Assert.Equal(1, (await JsonAsync(client, "rankings?level=commune&period=2026-02")).GetProperty("rankedUnits").GetInt32());

        // Another replica's round scores commune 26737 for February: stored and notified, but not through
        // this replica's engine, which would tell its own queries directly.
        await host.Facts.WriteAsync(Dossier("RC-2", unit: "26737", received: Local(2026, 2, 4)).Due(Local(2026, 2, 9)).FinishedAt(Local(2026, 2, 6)));
        await StoreAsOtherReplicaAsync(new ScoreTarget("26737", Period.Parse("2026-02")));

        Assert.True(await Eventually.HoldsAsync(
            async () => (await JsonAsync(client, "rankings?level=commune&period=2026-02")).GetProperty("rankedUnits").GetInt32() == 2,
            TimeSpan.FromSeconds(10)), "the ranking never showed the other replica's score");
    }

    private async Task StoreAsOtherReplicaAsync(ScoreTarget target)
    {
        var services = host.Server.Services;
        var engine = services.GetRequiredService<ScoreEngine>();
        var unit = services.GetRequiredService<UnitDirectory>().Find(target.UnitCode)!;
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var now = host.Time.GetUtcNow();
        await RoundLock.AcquireAsync(connection, transaction, CancellationToken.None);
        var scores = await engine.ScoreAsync(connection, transaction, [target], now, CountSource.Stored, CancellationToken.None);
        var scored = scores.Select(s => new ScoredTarget(s.Target, unit.Level, s.Score, long.MaxValue)).ToList();
        Assert.NotEmpty(await SnapshotWriter.WriteAsync(connection, transaction, scored, now, CancellationToken.None));
        await transaction.CommitAsync();
    }
}
