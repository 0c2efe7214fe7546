using Hub.Scoring.Engine;
using Hub.Scoring.Periods;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Scoring.Grpc;

/// <summary>A unit's current snapshot for a period, as stored.</summary>
public sealed record StoredScore(long SnapshotId, UnitScore Score, DateTimeOffset ComputedAt, DateTimeOffset EvaluatedAt);

/// <summary>A snapshot that became current, with the one it replaced (absent for a first score).</summary>
public sealed record StoredChange(
    long SnapshotId, string UnitCode, Period Period, string RuleSet, double Total, string Classification,
    DateTimeOffset ComputedAt, double? PreviousTotal, string? PreviousClassification);

/// <summary>
/// Reads snapshots for the gRPC API with plain SQL.
/// <para>
/// Changes are found by the transaction that wrote each snapshot (score_snapshots.writer_xid), not
/// by its id: ids are taken before commit, so with two writers a lower id can become visible after
/// a higher one and a reader keeping "the last id seen" would miss it. Every transaction id below
/// a snapshot's xmin has ended, and every later writer gets a higher one, so reading the window
/// [last horizon, this horizon) in the statement whose snapshot gave the horizon sees each
/// committed snapshot exactly once, whatever the commit order. A watch starts at the xmin of the
/// snapshot taken when it starts and leaves out what that snapshot already saw (a transaction
/// above the xmin may have committed before the watch began). A long transaction elsewhere on the
/// server only delays changes; it never loses one.
/// </para>
/// </summary>
public sealed class ScoreStore(NpgsqlDataSource dataSource)
{
    private const string CurrentSql = """
        SELECT s.id, s.score::text, s.computed_at, s.evaluated_at
        FROM current_scores c JOIN score_snapshots s ON s.id = c.snapshot_id
        WHERE c.unit_code = @unit AND c.period_kind = @kind AND c.period_start = @start
        """;

    private const string StartSql = "SELECT pg_current_snapshot()::text, pg_snapshot_xmin(pg_current_snapshot())::text";

    // Only snapshots that are still current: one replaced meanwhile is skipped, and its successor,
    // in this window or a later one, is sent instead.
    private const string ChangesSql = """
        WITH h AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon)
        SELECT h.horizon::text, x.id, x.unit_code, x.period_kind, x.period_start, x.rule_set, x.total, x.classification,
               x.computed_at, x.previous_total, x.previous_classification
        FROM h LEFT JOIN LATERAL (
            SELECT s.id, s.unit_code, s.period_kind, s.period_start, s.rule_set, s.total, s.classification, s.computed_at,
                   p.total AS previous_total, p.classification AS previous_classification, s.writer_xid
            FROM score_snapshots s
            JOIN current_scores c ON c.unit_code = s.unit_code AND c.period_kind = s.period_kind
                 AND c.period_start = s.period_start AND c.snapshot_id = s.id
            LEFT JOIN LATERAL (
                SELECT p.total, p.classification FROM score_snapshots p
                WHERE p.unit_code = s.unit_code AND p.period_kind = s.period_kind AND p.period_start = s.period_start
                  AND p.id < s.id
                ORDER BY p.id DESC LIMIT 1) p ON true
            WHERE s.writer_xid >= @from::xid8 AND s.writer_xid < h.horizon
              AND NOT pg_visible_in_snapshot(s.writer_xid, @start::pg_snapshot)
              AND (@units::text[] IS NULL OR s.unit_code = ANY (@units::text[]))
              AND (@kind = 0 OR s.period_kind = @kind)) x ON true
        ORDER BY x.writer_xid, x.id
        """;

    public async Task<StoredScore?> CurrentAsync(string unitCode, Period period, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CurrentSql);
        command.Parameters.AddWithValue("unit", unitCode);
        command.Parameters.AddWithValue("kind", (short)period.Kind);
        command.Parameters.AddWithValue("start", period.Start);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new StoredScore(
            reader.GetInt64(0), ScoreJson.Deserialize(reader.GetString(1)),
            reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3));
    }

    /// <summary>
    /// Where a watch starts: the database snapshot of this moment (whatever it sees happened before
    /// the watch) and the first position to read from.
    /// </summary>
    public async Task<(string Start, string From)> StartAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(StartSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetString(0), reader.GetString(1));
    }

    /// <summary>
    /// Snapshots that became current since <paramref name="from"/> and after <paramref name="start"/>,
    /// for the given units (null: all) and period kind (0: all), in commit-safe order; and the position
    /// to ask from next time.
    /// </summary>
    public async Task<(string Next, IReadOnlyList<StoredChange> Changes)> ChangesAsync(
        string start, string from, IReadOnlyList<string>? unitCodes, short periodKind, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ChangesSql);
        command.Parameters.AddWithValue("start", NpgsqlDbType.Text, start);
        command.Parameters.AddWithValue("from", NpgsqlDbType.Text, from);
        command.Parameters.Add(new NpgsqlParameter("units", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)unitCodes?.ToArray() ?? DBNull.Value });
        command.Parameters.AddWithValue("kind", NpgsqlDbType.Smallint, periodKind);
        var next = from;
        var changes = new List<StoredChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            next = reader.GetString(0);
            if (reader.IsDBNull(1))
            {
                continue;
            }
            changes.Add(new StoredChange(
                reader.GetInt64(1), reader.GetString(2),
                new Period((PeriodKind)reader.GetInt16(3), reader.GetFieldValue<DateOnly>(4)),
                reader.GetString(5), reader.GetDouble(6), reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8),
                reader.IsDBNull(9) ? null : reader.GetDouble(9), reader.IsDBNull(10) ? null : reader.GetString(10)));
        }
        return (next, changes);
    }
}
