using Hub.Scoring.Engine;
using Hub.Scoring.Tests.Criteria;
using Hub.Scoring.Tests.Infrastructure;
using Hub.Scoring.Units;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Consistency;

/// <summary>A service whose loop never wakes by itself (after its first round), so a test drives every recompute.</summary>
public sealed class ManualRecomputeFixture : ScoringHost
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Scoring:PollInterval"] = "01:00:00",
        ["Scoring:RefreshInterval"] = "01:00:00",
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
        var services = host.Server.Services;
        var queue = services.GetRequiredService<DirtyTargets>();
        var engine = services.GetRequiredService<ScoreEngine>();
        var units = services.GetRequiredService<UnitDirectory>();

        // Commune 00004, March 2026: one dossier without a due date, of a procedure the catalogue does
        // not hold yet (no deadline → late), finished two working days after receipt.
        await host.Facts.WriteAsync(Dossier("RACE-1", unit: "00004", procedure: "9.100001", received: Local(2026, 3, 2)).Due(null).FinishedAt(Local(2026, 3, 4)));

        // A round claims the marks and computes them...
        var claimed = await queue.ClaimAsync(CancellationToken.None);
        Assert.Contains(claimed, c => c.Target.UnitCode == "00004" && c.Target.Period.ToString() == "2026-03");
        await using (var connection = new NpgsqlConnection(host.ConnectionString))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            var now = host.Time.GetUtcNow();
            var scores = await engine.ScoreAsync(connection, transaction, claimed.Select(c => c.Target).ToList(), now, CancellationToken.None);

            // ...while the catalogue gets the procedure (5 working days: the dossier was on time)...
            await host.Facts.WriteAsync(Procedure("9.100001", "01").ProcessedIn(5, 3));

            // ...and stores what it computed, as ScoreEngine.RecomputeAsync does.
            var seqs = claimed.ToDictionary(c => c.Target, c => c.MarkedSeq);
            var scored = scores.Select(s => new ScoredTarget(s.Target, units.Find(s.Target.UnitCode)!.Level, s.Score, seqs[s.Target])).ToList();
            await SnapshotWriter.WriteAsync(connection, transaction, scored, now, CancellationToken.None);
            await DirtyTargets.CompleteAsync(connection, transaction, claimed, CancellationToken.None);
            await transaction.CommitAsync();
        }
        await host.SettleAsync();

        // The month was computed again with the procedure: on time, 1 of 1 → 20.
        CriterionAssert.Scored(await host.ScoreAsync("00004", "2026-03"), "ON_TIME", 1, 1, 20);
        Assert.Empty(await ScoringQueries.VerifyAsync(services));
    }
}
