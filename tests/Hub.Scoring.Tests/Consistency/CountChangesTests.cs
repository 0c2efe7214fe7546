using Hub.Scoring.Periods;
using Hub.Scoring.Tests.Criteria;
using Hub.Scoring.Tests.Infrastructure;
using Hub.Testing;
using Npgsql;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Consistency;

/// <summary>
/// A dossier's change reaches the stored own counts as a change (its old version out, its new one
/// in) rather than as a recount of its month: the changed dossier is judged when it changed, and
/// a record is never counted twice, even when two first versions of it arrive at once.
/// </summary>
[Collection(ConsistencyGroup.Name)]
public sealed class CountChangesTests(ManualRecomputeFixture host) : IClassFixture<ManualRecomputeFixture>
{
    [Fact]
    public async Task A_dossier_that_changes_after_its_month_was_counted_is_judged_when_it_changed()
    {
        // Commune 26737, June 2026, the clock at 15 June 10:00: one open dossier due 16 June → on time, 1 of 1 → 20.
        host.Time.Now = new DateTimeOffset(2026, 6, 15, 10, 0, 0, Period.LocalOffset);
        var dossier = Dossier("CC-1", unit: "26737", received: Local(2026, 6, 10)).Due(Local(2026, 6, 16));
        await host.Facts.WriteAsync(dossier);
        await host.SettleAsync();
        CriterionAssert.Scored(await host.ScoreAsync("26737", "2026-06"), "ON_TIME", 1, 1, 20);

        // Three days on, with no recount of the month since, it is reported finished on 17 June: late, 0 of 1.
        host.Time.Now = new DateTimeOffset(2026, 6, 18, 10, 0, 0, Period.LocalOffset);
        await host.Facts.WriteAsync(dossier.FinishedAt(Local(2026, 6, 17)) with { Version = 2 });
        await host.SettleAsync();

        CriterionAssert.Scored(await host.ScoreAsync("26737", "2026-06"), "ON_TIME", 0, 1, 0);
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM dossier_count_changes"));
        Assert.Empty(await ScoringQueries.VerifyAsync(host.Server.Services));
    }

    [Fact]
    public async Task Two_first_versions_of_a_dossier_written_at_once_count_it_once()
    {
        host.Time.Now = new DateTimeOffset(2026, 6, 15, 10, 0, 0, Period.LocalOffset);
        // Commune 00004, May 2026: one dossier already there, so its month carries a mark.
        await host.Facts.WriteAsync(Dossier("TW-0", unit: "00004", received: Local(2026, 5, 4)).Due(Local(2026, 5, 8)).FinishedAt(Local(2026, 5, 6)));

        // The test holds that mark, so the first writer of TW-1 inserts its row, then waits to mark.
        await using var blocker = new NpgsqlConnection(host.ConnectionString);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockMark = new NpgsqlCommand(
            "SELECT count(*) FROM (SELECT 1 FROM dirty_targets WHERE unit_code = '00004' AND period_kind = 1 AND period_start = '2026-05-01' FOR UPDATE) m",
            blocker, hold))
        {
            Assert.Equal(1L, await lockMark.ExecuteScalarAsync());
        }
        var first = host.Facts.WriteAsync(Dossier("TW-1", unit: "00004", received: Local(2026, 5, 4)).Due(Local(2026, 6, 20)));
        Assert.True(await Eventually.HoldsAsync(() => BlockedByAsync(blocker.ProcessID), TimeSpan.FromSeconds(10)),
            "the first writer never waited on the mark");

        // The second writer starts while the first's row is uncommitted: its snapshot has no row to replace.
        var second = host.Facts.WriteAsync(Dossier("TW-1", unit: "00004", version: 2, received: Local(2026, 5, 4))
            .Due(Local(2026, 5, 8)).FinishedAt(Local(2026, 5, 11)));
        Assert.True(await Eventually.HoldsAsync(async () => await host.ScalarAsync(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0 "
            + "AND query LIKE 'WITH incoming AS%AS changed_at%'") == 2, TimeSpan.FromSeconds(10)), "the second writer never waited");
        await hold.CommitAsync();
        Assert.Equal(1, await first);
        Assert.Equal(1, await second);
        await host.SettleAsync();

        // Two dossiers handled in May: TW-0 on time, TW-1 finished late → 1 of 2 → 10. (The first version
        // alone, open and not yet due, would give 2 of 2; both versions at once, 2 of 3.)
        CriterionAssert.Scored(await host.ScoreAsync("00004", "2026-05"), "ON_TIME", 1, 2, 10);
        Assert.Empty(await ScoringQueries.VerifyAsync(host.Server.Services));
    }

    private async Task<bool> BlockedByAsync(int pid) =>
        await host.ScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE {pid} = ANY (pg_blocking_pids(pid))") == 1;
}
