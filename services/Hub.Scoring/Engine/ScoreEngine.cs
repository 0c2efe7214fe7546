using Hub.Contracts.Scoring;
using Hub.Scoring.Periods;
using Hub.Scoring.Rules;
using Hub.Scoring.Units;
using Npgsql;

namespace Hub.Scoring.Engine;

/// <summary>
/// Scores targets from the facts: counters by SQL, points by the rule set in force for each period.
/// The incremental loop and the full recompute both go through here, so they cannot disagree on
/// how a score is made.
/// </summary>
public sealed class ScoreEngine(NpgsqlDataSource dataSource, UnitDirectory units, RuleSetCatalog ruleSets, ScoreVersion version, TimeProvider time)
{
    /// <summary>
    /// One round of the loop: takes the round lock, and only then claims a batch, so that a replica
    /// waiting for its turn holds no lease that could run out meanwhile. Null when nothing was dirty.
    /// </summary>
    public async Task<RoundOutcome?> RunRoundAsync(DirtyTargets queue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await RoundLock.AcquireAsync(connection, transaction, cancellationToken);
        var claimed = await queue.ClaimAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return null;
        }
        return new RoundOutcome(claimed.Count, await StoreAsync(connection, transaction, claimed, cancellationToken));
    }

    /// <summary>Computes targets already claimed and stores those that changed, with their event, in one transaction.</summary>
    public async Task<IReadOnlyList<IndicatorResult>> RecomputeAsync(IReadOnlyList<ClaimedTarget> claimed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await RoundLock.AcquireAsync(connection, transaction, cancellationToken);
        return await StoreAsync(connection, transaction, claimed, cancellationToken);
    }

    private async Task<IReadOnlyList<IndicatorResult>> StoreAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ClaimedTarget> claimed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var generation = await DirtyTargets.ReadGenerationAsync(connection, transaction, cancellationToken);
        var scores = await ScoreAsync(connection, transaction, claimed.Select(c => c.Target).ToList(), now, CountSource.Stored, cancellationToken);
        var seqs = claimed.ToDictionary(c => c.Target, c => c.MarkedSeq);
        var scored = scores.Select(s => new ScoredTarget(s.Target, units.Find(s.Target.UnitCode)!.Level, s.Score, seqs[s.Target])).ToList();
        var published = await SnapshotWriter.WriteAsync(connection, transaction, scored, now, cancellationToken);
        await DirtyTargets.CompleteAsync(connection, transaction, claimed, generation, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (published.Count > 0)
        {
            // This replica's own queries see the change at once, not when its notification comes back.
            version.Raise();
        }
        return published;
    }

    /// <summary>
    /// Scores targets without storing any score; targets whose unit is not in the tree are skipped.
    /// With <see cref="CountSource.Stored"/> the dirty own counts the batch reaches are refreshed.
    /// </summary>
    public async Task<IReadOnlyList<(ScoreTarget Target, UnitScore Score)>> ScoreAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ScoreTarget> targets, DateTimeOffset now,
        CountSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var known = targets.Where(t => units.Find(t.UnitCode) is not null).ToList();
        var counters = await CounterQuery.RunAsync(dataSource, connection, transaction, known, now, source, cancellationToken);
        return counters
            .Select(pair => (pair.Key, Score(pair.Key, pair.Value, now)))
            .ToList();
    }

    private UnitScore Score(ScoreTarget target, IReadOnlyDictionary<string, double> counters, DateTimeOffset now)
    {
        var unit = units.Find(target.UnitCode)!;
        var ruleSet = ruleSets.InForce(target.Period);
        return ScoreCalculator.Score(ruleSet, unit.Code, unit.Level, target.Period, target.Period.EvaluatedAt(now), counters);
    }
}
