using Hub.Scoring.Engine;
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
/// a record is never counted twice, whatever writers apply its versions at once.
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
        await host.SettleAsync();
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
        await WaitUntilTwoWritersWaitAsync("WITH incoming AS%AS changed_at%", "the second writer never waited");
        await hold.CommitAsync();
        Assert.Equal(1, await first);
        Assert.Equal(1, await second);
        await host.SettleAsync();

        // Two dossiers handled in May: TW-0 on time, TW-1 finished late → 1 of 2 → 10. (The first version
        // alone, open and not yet due, would give 2 of 2; both versions at once, 2 of 3.)
        CriterionAssert.Scored(await host.ScoreAsync("00004", "2026-05"), "ON_TIME", 1, 2, 10);
        Assert.Empty(await ScoringQueries.VerifyAsync(host.Server.Services));
    }

    [Fact]
    public async Task A_version_committed_by_another_writer_while_two_replace_it_is_taken_out_once()
    {
        // Nothing else runs: the rounds of the service's start are over, and it consumes no events.
        await host.SettleAsync();
        host.Time.Now = new DateTimeOffset(2026, 6, 15, 10, 0, 0, Period.LocalOffset);
        // Commune 26734: Y and Z in March 2026, W in April, so both months carry a mark to hold.
        var y = Dossier("RC-Y", received: Local(2026, 3, 4)).Due(Local(2026, 3, 10)).FinishedAt(Local(2026, 3, 6));
        var z = Dossier("RC-Z", received: Local(2026, 3, 3)).Due(Local(2026, 3, 12)).FinishedAt(Local(2026, 3, 11));
        await host.Facts.WriteAsync(y, z, Dossier("RC-W", received: Local(2026, 4, 2)).Due(Local(2026, 4, 5)).FinishedAt(Local(2026, 4, 3)));
        await using var march = await HoldAsync("SELECT 1 FROM dirty_targets WHERE unit_code = '26734' AND period_kind = 1 AND period_start = '2026-03-01' FOR UPDATE");
        await using var april = await HoldAsync("SELECT 1 FROM dirty_targets WHERE unit_code = '26734' AND period_kind = 1 AND period_start = '2026-04-01' FOR UPDATE");
        await using var rowY = await HoldAsync("SELECT 1 FROM dossier_facts WHERE code = 'RC-Y' FOR UPDATE");
        await using var rowZ = await HoldAsync("SELECT 1 FROM dossier_facts WHERE code = 'RC-Z' FOR UPDATE");

        // X's first version is inserted, and waits to mark March: the other writers cannot see it yet.
        var x = Dossier("RC-X", received: Local(2026, 3, 2)).Due(Local(2026, 3, 10)).FinishedAt(Local(2026, 3, 15));
        var first = host.Facts.WriteAsync(x);
        await WaitUntilBlockedByAsync(march, "the first writer never waited on the March mark");
        // Two writers replace X, each in a batch with a row held, so each locks its rows before X exists for it.
        var second = host.Facts.WriteAsync(x.FinishedAt(Local(2026, 3, 5)) with { Version = 2 },
            Dossier("RC-Y", version: 2, received: Local(2026, 4, 6)).Due(Local(2026, 4, 10)).FinishedAt(Local(2026, 4, 8)));
        await WaitUntilBlockedByAsync(rowY, "the second writer never waited on Y");
        var third = host.Facts.WriteAsync(x.FinishedAt(Local(2026, 3, 20)) with { Version = 3 }, z.FinishedAt(Local(2026, 3, 9)) with { Version = 2 });
        await WaitUntilBlockedByAsync(rowZ, "the third writer never waited on Z");

        await march.CommitAsync();
        Assert.Equal(1, await first);
        // The second writer replaces X's first version, then waits to mark April (where Y moved)...
        await rowY.CommitAsync();
        await WaitUntilBlockedByAsync(april, "the second writer never waited on the April mark");
        // ...while the third reads X's first version in its snapshot and waits for the second's row.
        await rowZ.CommitAsync();
        await WaitUntilTwoWritersWaitAsync("WITH incoming AS%AS changed_at%", "the third writer never waited for the second");
        await april.CommitAsync();
        Assert.Equal(2, await second);
        Assert.Equal(2, await third);
        await host.SettleAsync();

        // March: X finished late (its third version), Z on time → 1 of 2 → 10. Had X's second version
        // stayed counted beside its third, it would read 2 of 2. April: Y and W on time → 2 of 2 → 20.
        Assert.Equal(3, await host.ScalarAsync("SELECT version FROM dossier_facts WHERE code = 'RC-X'"));
        CriterionAssert.Scored(await host.ScoreAsync("26734", "2026-03"), "ON_TIME", 1, 2, 10);
        CriterionAssert.Scored(await host.ScoreAsync("26734", "2026-04"), "ON_TIME", 2, 2, 20);
        Assert.Empty(await ScoringQueries.VerifyAsync(host.Server.Services));
    }

    [Fact]
    public async Task Two_first_versions_of_a_feedback_written_at_once_end_at_the_newer()
    {
        await host.SettleAsync();
        host.Time.Now = new DateTimeOffset(2026, 6, 15, 10, 0, 0, Period.LocalOffset);
        // Commune 00004, May 2026: one feedback already there, so its month carries a mark to hold.
        await host.Facts.WriteAsync(Feedback("TF-0", "00004", received: Local(2026, 5, 4)) with { Outcome = 4, HandledAt = Local(2026, 5, 6) });
        await using var may = await HoldAsync("SELECT 1 FROM dirty_targets WHERE unit_code = '00004' AND period_kind = 1 AND period_start = '2026-05-01' FOR UPDATE");

        // The first version is inserted and waits to mark; the second, moved to commune 26737, finds
        // no row in its snapshot, so its insert meets the first's row: it is written over it once that commits.
        var first = host.Facts.WriteAsync(Feedback("TF-1", "00004", received: Local(2026, 5, 4)));
        await WaitUntilBlockedByAsync(may, "the first writer never waited on the May mark");
        var second = host.Facts.WriteAsync(Feedback("TF-1", "26737", version: 2, received: Local(2026, 5, 4)) with { Outcome = 4, HandledAt = Local(2026, 5, 5) });
        await WaitUntilTwoWritersWaitAsync("WITH incoming AS%feedback_facts%", "the second writer never waited");
        await may.CommitAsync();
        Assert.Equal(1, await first);
        Assert.Equal(1, await second);
        await host.SettleAsync();

        Assert.Equal(2, await host.ScalarAsync("SELECT version FROM feedback_facts WHERE id = 'TF-1'"));
        Assert.Equal(1, (await host.ScoreAsync("00004", "2026-05"))!.Counters[Counters.FeedbackReceived]);
        Assert.Equal(1, (await host.ScoreAsync("26737", "2026-05"))!.Counters[Counters.FeedbackReceived]);
        Assert.Empty(await ScoringQueries.VerifyAsync(host.Server.Services));
    }

    /// <summary>A transaction of the test's own holding the row locks <paramref name="lockSql"/> takes.</summary>
    private async Task<HeldLock> HoldAsync(string lockSql)
    {
        var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(lockSql, connection, transaction))
        {
            Assert.NotNull(await command.ExecuteScalarAsync());
        }
        return new HeldLock(connection, transaction);
    }

    /// <summary>Waits until two upserts whose text is like <paramref name="statement"/> wait for a lock.</summary>
    private async Task WaitUntilTwoWritersWaitAsync(string statement, string message)
    {
        var waiting = await Eventually.HoldsAsync(async () => await host.ScalarAsync(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0 "
            + $"AND query LIKE '{statement}'") == 2, TimeSpan.FromSeconds(10));
        Assert.True(waiting, $"{message}; the database's sessions:\n{await SessionsAsync()}");
    }

    /// <summary>What each session of the test database is doing, and who blocks it: for a failure's message.</summary>
    private async Task<string> SessionsAsync()
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pid, state, coalesce(wait_event, ''), pg_blocking_pids(pid)::text, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) "
            + "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() ORDER BY pid", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add($"  {reader.GetInt32(0)} {reader.GetString(1)} {reader.GetString(2)} blocked by {reader.GetString(3)}: {reader.GetString(4)}");
        }
        return string.Join('\n', lines);
    }

    private async Task WaitUntilBlockedByAsync(HeldLock held, string message) =>
        Assert.True(await Eventually.HoldsAsync(() => BlockedByAsync(held.ProcessId), TimeSpan.FromSeconds(10)), message);

    private sealed class HeldLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public int ProcessId => connection.ProcessID;

        public Task CommitAsync() => transaction.CommitAsync();

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    private async Task<bool> BlockedByAsync(int pid) =>
        await host.ScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE {pid} = ANY (pg_blocking_pids(pid))") == 1;
}
