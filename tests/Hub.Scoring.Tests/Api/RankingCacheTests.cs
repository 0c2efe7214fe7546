using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using Hub.Scoring.Api;
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
        using var client = OperatorClient();
        Assert.Equal(1, (await JsonAsync(client, "rankings?level=commune&period=2026-02")).GetProperty("rankedUnits").GetInt32());

        // Another replica's round scores commune 26737 for February: stored and notified, but not through
        // this replica's engine, which would tell its own queries directly.
        await host.Facts.WriteAsync(Dossier("RC-2", unit: "26737", received: Local(2026, 2, 4)).Due(Local(2026, 2, 9)).FinishedAt(Local(2026, 2, 6)));
        await StoreAsOtherReplicaAsync(new ScoreTarget("26737", Period.Parse("2026-02")));

        Assert.True(await Eventually.HoldsAsync(
            async () => (await JsonAsync(client, "rankings?level=commune&period=2026-02")).GetProperty("rankedUnits").GetInt32() == 2,
            TimeSpan.FromSeconds(10)), "the ranking never showed the other replica's score");
    }

    [Fact]
    public async Task A_burst_of_requests_after_scores_may_have_changed_checks_the_database_once()
    {
        await host.Facts.WriteAsync(Dossier("RC-3", unit: "26734", received: Local(2026, 4, 6)).Due(Local(2026, 4, 10)).FinishedAt(Local(2026, 4, 8)));
        await host.SettleAsync();
        using var client = OperatorClient();
        // Until the replica listens for other replicas' changes, it checks on every request.
        var version = host.Server.Services.GetRequiredService<ScoreVersion>();
        Assert.True(await Eventually.HoldsAsync(() => version.Watching, TimeSpan.FromSeconds(10)), "the replica never listened");
        var kept = (await JsonAsync(client, "rankings?level=commune&period=2026-04")).GetRawText();
        using var checks = new RankingChecks(host.Server.Services.GetRequiredService<IMeterFactory>());

        // A round or another replica's notification raises the version: every kept ranking is stale.
        version.Raise();
        var raised = version.Current;
        var burst = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => JsonAsync(client, "rankings?level=commune&period=2026-04")));

        Assert.All(burst, ranking => Assert.Equal(kept, ranking.GetRawText()));
        // The notification of an earlier round may still arrive during the burst: each raise it
        // brings may cost one more check, never one per request.
        Assert.InRange(checks.Count, 1, 1 + version.Current - raised);
    }

    private HttpClient OperatorClient()
    {
        var client = new HttpClient { BaseAddress = host.Server.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Issuer.Issue("tenant-VN", "VN", "hub.scores.read"));
        return client;
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

    /// <summary>The ranking cache's checks against the database, counted from one host's meters only.</summary>
    private sealed class RankingChecks : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public RankingChecks(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == RankingCache.ChecksCounter)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
