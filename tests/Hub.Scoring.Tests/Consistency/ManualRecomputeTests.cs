using Hub.Scoring.Engine;
using Hub.Scoring.Tests.Criteria;
using Hub.Scoring.Tests.Infrastructure;
using Hub.Scoring.Units;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Consistency;

/// <summary>
/// A service that consumes no events (other tests' events would wake it) and runs no recompute loop,
/// so that a test drives every recompute.
/// </summary>
public sealed class ManualRecomputeFixture : ScoringHost
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Scoring:ConsumeEvents"] = "false",
        // A round of the loop's own (its first runs at start-up) would take locks in the middle of
        // the tests that order writers by holding locks.
        ["Scoring:RunRounds"] = "false",
    };
}

/// <summary>
/// Facts that change while a round is computing: the round's targets must be computed again, so the
/// stored state still equals a full recompute. A procedure feeds targets it does not mark by period
/// (every unit whose dossiers use it), so it must reach targets being computed for the first time.
/// </summary>
[Collection(ConsistencyGroup.Name)]
public sealed class ManualRecomputeTests(ManualRecomputeFixture host) : IClassFixture<ManualRecomputeFixture>
{
    [Fact]
    public async Task A_procedure_changed_while_a_target_is_first_computed_reaches_that_target()
    {
        await host.SettleAsync();

        // Commune 00004, March 2026: one dossier without a due date, of a procedure the catalogue does
        // not hold yet (no deadline → late), finished two working days after receipt.
        await host.Facts.WriteAsync(Dossier("RACE-1", unit: "00004", procedure: "9.100001", received: Local(2026, 3, 2)).Due(null).FinishedAt(Local(2026, 3, 4)));

        // A round claims the marks and computes them while the catalogue gets the procedure (5
        // working days: the dossier was on time), then stores what it computed.
        await RoundAsync("2026-03", whileComputing: () => host.Facts.WriteAsync(Procedure("9.100001", "01").ProcessedIn(5, 3)));
        await host.SettleAsync();

        // The month was computed again with the procedure: on time, 1 of 1 → 20.
        CriterionAssert.Scored(await host.ScoreAsync("00004", "2026-03"), "ON_TIME", 1, 1, 20);
        Assert.Empty(await ScoringQueries.VerifyAsync(host.Server.Services));
    }

    [Fact]
    public async Task A_procedure_change_that_cannot_see_a_new_target_still_reaches_it()
    {
        // The catalogue holds a procedure of one working day.
        await host.Facts.WriteAsync(Procedure("9.100002", "01").ProcessedIn(1, 3));
        await host.SettleAsync();

        // Its next version (5 working days) starts first: the statement takes its snapshot, then waits
        // on the procedure's row, which this test holds.
        await using var blocker = new NpgsqlConnection(host.ConnectionString);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM procedure_facts WHERE code = '9.100002' FOR UPDATE", blocker, hold))
        {
            await lockRow.ExecuteNonQueryAsync();
        }
        var change = host.Facts.WriteAsync(Procedure("9.100002", "01", version: 2).ProcessedIn(5, 3));
        Assert.True(await Hub.Testing.Eventually.HoldsAsync(async () => await host.ScalarAsync(
            $"SELECT count(*) FROM pg_stat_activity WHERE {blocker.ProcessID} = ANY (pg_blocking_pids(pid))") == 1,
            TimeSpan.FromSeconds(10)), "the catalogue change never waited on the procedure's row");

        // Only then does a dossier of that procedure make a target never scored before: February 2026
        // of commune 00004 (no due date; finished two working days after receipt). Not the first
        // month of a quarter or year: the change marks those months of every scored quarter and year.
        await host.Facts.WriteAsync(Dossier("RACE-2", unit: "00004", procedure: "9.100002", received: Local(2026, 2, 2)).Due(null).FinishedAt(Local(2026, 2, 4)));

        // A round computes the month by the first version (late); the change commits meanwhile, its
        // marks taken from a snapshot that holds neither the dossier nor its target.
        await RoundAsync("2026-02", whileComputing: async () =>
        {
            await hold.CommitAsync();
            Assert.Equal(1, await change);
        });
        CriterionAssert.Scored(await host.ScoreAsync("00004", "2026-02"), "ON_TIME", 0, 1, 0); // the round's stale result
        await host.SettleAsync();

        // The month was computed again with the second version: on time, 1 of 1 → 20.
        CriterionAssert.Scored(await host.ScoreAsync("00004", "2026-02"), "ON_TIME", 1, 1, 20);
        Assert.Empty(await ScoringQueries.VerifyAsync(host.Server.Services));
    }

    /// <summary>
    /// One round of the loop, as ScoreEngine.RecomputeAsync runs it, with <paramref name="whileComputing"/>
    /// run after the counters are read and before the snapshots and marks are stored.
    /// </summary>
    private async Task RoundAsync(string period, Func<Task> whileComputing)
    {
        var services = host.Server.Services;
        var engine = services.GetRequiredService<ScoreEngine>();
        var units = services.GetRequiredService<UnitDirectory>();
        var claimed = await services.GetRequiredService<DirtyTargets>().ClaimAsync(CancellationToken.None);
        Assert.Contains(claimed, c => c.Target.UnitCode == "00004" && c.Target.Period.ToString() == period);
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var now = host.Time.GetUtcNow();
        await RoundLock.AcquireAsync(connection, transaction, CancellationToken.None);
        var generation = await DirtyTargets.ReadGenerationAsync(connection, transaction, CancellationToken.None);
        var scores = await engine.ScoreAsync(connection, transaction, claimed.Select(c => c.Target).ToList(), now, CountSource.Stored, CancellationToken.None);

        await whileComputing();

        var seqs = claimed.ToDictionary(c => c.Target, c => c.MarkedSeq);
        var scored = scores.Select(s => new ScoredTarget(s.Target, units.Find(s.Target.UnitCode)!.Level, s.Score, seqs[s.Target])).ToList();
        await SnapshotWriter.WriteAsync(connection, transaction, scored, now, CancellationToken.None);
        await DirtyTargets.CompleteAsync(connection, transaction, claimed, generation, CancellationToken.None);
        await transaction.CommitAsync();
    }
}
