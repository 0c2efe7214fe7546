using Hub.Scoring.Facts;
using Hub.Scoring.Periods;
using Npgsql;

namespace Hub.Scoring.Engine;

/// <summary>
/// Scoring from scratch: every target any fact reaches, and every target already scored. Verify
/// compares that with the stored snapshots (the incremental state must equal it exactly); Recompute
/// marks it all dirty and drains the queue, storing what differs.
/// </summary>
public sealed class FullRecompute(NpgsqlDataSource dataSource, DirtyTargets queue, ScoreEngine engine, ScoringOptions options, TimeProvider time)
{
    public async Task<IReadOnlyList<ScoreTarget>> AllTargetsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(DirtyMarks.AllTargets);
        var targets = new List<ScoreTarget>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            targets.Add(ScoreTarget.Read(reader));
        }
        return targets;
    }

    /// <summary>The targets whose stored snapshot differs from a recompute from facts (or that have none).</summary>
    public async Task<IReadOnlyList<ScoreTarget>> VerifyAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var targets = await AllTargetsAsync(cancellationToken);
        var stored = await StoredHashesAsync(cancellationToken);
        var differing = new List<ScoreTarget>();
        foreach (var batch in targets.Chunk(options.RecomputeBatchSize))
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var scores = await engine.ScoreAsync(connection, transaction, batch, now, CountSource.Facts, cancellationToken);
            differing.AddRange(scores
                .Where(s => !string.Equals(stored.GetValueOrDefault(s.Target), ScoreJson.ContentHash(s.Score), StringComparison.Ordinal))
                .Select(s => s.Target));
        }
        return differing;
    }

    /// <summary>Marks every target dirty and recomputes until none is left; returns how many scores changed.</summary>
    public async Task<int> RecomputeAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using (var command = new NpgsqlCommand(DirtyMarks.MarkEverything, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        var changed = 0;
        var batchSize = options.RecomputeBatchSize;
        for (var claimed = await queue.ClaimAsync(batchSize, cancellationToken); claimed.Count > 0;
             claimed = await queue.ClaimAsync(batchSize, cancellationToken))
        {
            changed += (await engine.RecomputeAsync(claimed, cancellationToken)).Count;
        }
        return changed;
    }

    private async Task<Dictionary<ScoreTarget, string>> StoredHashesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT unit_code, period_kind, period_start, content_hash FROM current_scores");
        var hashes = new Dictionary<ScoreTarget, string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hashes[ScoreTarget.Read(reader)] = reader.GetString(3);
        }
        return hashes;
    }
}
