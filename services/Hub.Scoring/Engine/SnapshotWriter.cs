using Hub.Contracts.Scoring;
using Hub.Outbox;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Scoring.Engine;

/// <summary>
/// Stores the scores of a round that differ from the current ones: a history row each, the current
/// row replaced (unless a newer round already wrote it), and one IndicatorResultsPublished event
/// in the outbox, all in the caller's transaction. Returns what was published.
/// </summary>
public static class SnapshotWriter
{
    private const string CurrentHashesSql = """
        SELECT s.unit_code, s.period_kind, s.period_start, s.content_hash
        FROM current_scores s JOIN unnest(@units, @kinds, @starts) AS x(unit_code, period_kind, period_start)
          ON s.unit_code = x.unit_code AND s.period_kind = x.period_kind AND s.period_start = x.period_start
        """;

    private const string CreateIncomingSql = """
        CREATE TEMP TABLE scoring_incoming (
            unit_code text, period_kind smallint, period_start date, unit_level text, rule_set text, evaluated_at timestamptz,
            total double precision, classification text, score jsonb, content_hash text, seq bigint) ON COMMIT DROP
        """;

    private const string InsertSql = """
        WITH incoming AS (SELECT * FROM scoring_incoming),
        stored AS (
            INSERT INTO score_snapshots (unit_code, period_kind, period_start, rule_set, computed_at, evaluated_at, total, classification, score)
            SELECT unit_code, period_kind, period_start, rule_set, @computed, evaluated_at, total, classification, score FROM incoming
            RETURNING id, unit_code, period_kind, period_start),
        current AS (
            INSERT INTO current_scores AS c (unit_code, period_kind, period_start, unit_level, snapshot_id, rule_set, total, classification, computed_at, content_hash, source_seq)
            SELECT i.unit_code, i.period_kind, i.period_start, i.unit_level, s.id, i.rule_set, i.total, i.classification, @computed, i.content_hash, i.seq
            FROM incoming i JOIN stored s USING (unit_code, period_kind, period_start)
            ON CONFLICT (unit_code, period_kind, period_start) DO UPDATE SET
                unit_level = excluded.unit_level, snapshot_id = excluded.snapshot_id, rule_set = excluded.rule_set,
                total = excluded.total, classification = excluded.classification, computed_at = excluded.computed_at,
                content_hash = excluded.content_hash, source_seq = excluded.source_seq
            WHERE excluded.source_seq >= c.source_seq
            RETURNING c.unit_code, c.period_kind, c.period_start, c.snapshot_id)
        SELECT unit_code, period_kind, period_start, snapshot_id FROM current
        """;

    /// <summary>The channel of the NOTIFY a transaction that changes current scores commits with.</summary>
    public const string Channel = "hub_scores";

    public static async Task<IReadOnlyList<IndicatorResult>> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ScoredTarget> scored, DateTimeOffset computedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var current = await CurrentHashesAsync(connection, transaction, scored, cancellationToken);
        var hashes = scored.ToDictionary(s => s.Target, s => ScoreJson.ContentHash(s.Score));
        var changed = scored.Where(s => !string.Equals(current.GetValueOrDefault(s.Target), hashes[s.Target], StringComparison.Ordinal)).ToList();
        if (changed.Count == 0)
        {
            return [];
        }
        var ids = await InsertAsync(connection, transaction, changed, hashes, computedAt, cancellationToken);
        var results = changed.Where(s => ids.ContainsKey(s.Target))
            .Select(s => new IndicatorResult(s.Target.UnitCode, (int)s.Target.Period.Kind, s.Target.Period.Start, s.Score.RuleSetVersion,
                s.Score.Total, s.Score.Classification, ids[s.Target], computedAt))
            .ToList();
        if (results.Count > 0)
        {
            await OutboxWriter.WriteAsync(connection, transaction, [new IndicatorResultsPublished(results)], cancellationToken);
            await using var notify = new NpgsqlCommand($"NOTIFY {Channel}", connection, transaction);
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }
        return results;
    }

    private static async Task<Dictionary<ScoreTarget, string>> CurrentHashesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ScoredTarget> scored, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CurrentHashesSql, connection, transaction);
        DirtyTargets.AddTargets(command, scored.Select(s => s.Target).ToList());
        var hashes = new Dictionary<ScoreTarget, string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hashes[ScoreTarget.Read(reader)] = reader.GetString(3);
        }
        return hashes;
    }

    private static async Task<Dictionary<ScoreTarget, long>> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<ScoredTarget> changed, Dictionary<ScoreTarget, string> hashes,
        DateTimeOffset computedAt, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(CreateIncomingSql, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await CopyIncomingAsync(connection, changed, hashes, cancellationToken);
        await using var command = new NpgsqlCommand(InsertSql, connection, transaction);
        command.Parameters.AddWithValue("computed", computedAt.UtcDateTime);
        var ids = new Dictionary<ScoreTarget, long>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids[ScoreTarget.Read(reader)] = reader.GetInt64(3);
            }
        }
        await using (var drop = new NpgsqlCommand("DROP TABLE scoring_incoming", connection, transaction))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }
        return ids;
    }

    /// <summary>
    /// The scores go in by COPY, not as array parameters: PostgreSQL plans a statement with its
    /// parameters' values, and planning with thousands of 10 KB snapshots took 1.4 s of a full
    /// recompute where the copy takes a fraction of that.
    /// </summary>
    private static async Task CopyIncomingAsync(
        NpgsqlConnection connection, List<ScoredTarget> changed, Dictionary<ScoreTarget, string> hashes, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY scoring_incoming (unit_code, period_kind, period_start, unit_level, rule_set, evaluated_at, total, classification, score, content_hash, seq) "
            + "FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var s in changed)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(s.Target.UnitCode, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync((short)s.Target.Period.Kind, NpgsqlDbType.Smallint, cancellationToken);
            await importer.WriteAsync(s.Target.Period.Start, NpgsqlDbType.Date, cancellationToken);
            await importer.WriteAsync(s.UnitLevel, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(s.Score.RuleSetVersion, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(s.Score.EvaluatedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(s.Score.Total, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(s.Score.Classification, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(ScoreJson.Serialize(s.Score), NpgsqlDbType.Jsonb, cancellationToken);
            await importer.WriteAsync(hashes[s.Target], NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(s.MarkedSeq, NpgsqlDbType.Bigint, cancellationToken);
        }
        await importer.CompleteAsync(cancellationToken);
    }
}
