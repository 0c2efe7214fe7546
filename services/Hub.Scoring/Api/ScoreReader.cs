using Hub.Scoring.Engine;
using Hub.Scoring.Periods;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Scoring.Api;

/// <summary>
/// The API's reads: one SQL statement per request over current_scores and score_snapshots (the
/// engine's snapshots, so reads never compute), on the service's pooled data source.
/// </summary>
public sealed class ScoreReader(NpgsqlDataSource dataSource)
{
    // Group codes and points of a snapshot (alias s), in the rule set's order.
    private const string GroupCodes = "ARRAY(SELECT e.g->>'code' FROM jsonb_array_elements(s.score->'groups') WITH ORDINALITY AS e(g, i) ORDER BY e.i)";
    private const string GroupPoints = "ARRAY(SELECT (e.g->>'points')::float8 FROM jsonb_array_elements(s.score->'groups') WITH ORDINALITY AS e(g, i) ORDER BY e.i)";

    // Ranks every scored unit of the level on the total as shown (2 decimals; ties share a rank),
    // then keeps the rows of the caller's subtree. The version covers the whole level (a unit the
    // caller cannot read still moves the ranks of those it can) and the previous period.
    private const string RankingSql = $"""
        WITH cur AS (
            SELECT unit_code, total, classification, rule_set, computed_at, snapshot_id,
                   rank() OVER (ORDER BY round(total::numeric, 2) DESC)::int AS rank
            FROM current_scores
            WHERE period_kind = @kind AND period_start = @start AND unit_level = @level),
        prev AS (
            SELECT unit_code, total, snapshot_id FROM current_scores
            WHERE period_kind = @kind AND period_start = @previous AND unit_level = @level),
        version AS (
            SELECT (SELECT count(*) FROM cur)::int AS ranked,
                   md5(concat((SELECT string_agg(snapshot_id::text, ',' ORDER BY snapshot_id) FROM cur), '|',
                              (SELECT string_agg(snapshot_id::text, ',' ORDER BY snapshot_id) FROM prev))) AS tag)
        SELECT v.tag, v.ranked, r.rank, r.unit_code, r.total, r.classification, r.rule_set, r.computed_at, r.snapshot_id,
               r.previous_total, r.previous_snapshot_id, r.group_codes, r.group_points
        FROM version v
        LEFT JOIN LATERAL (
            SELECT c.rank, c.unit_code, c.total, c.classification, c.rule_set, c.computed_at, c.snapshot_id,
                   p.total AS previous_total, p.snapshot_id AS previous_snapshot_id,
                   {GroupCodes} AS group_codes,
                   {GroupPoints} AS group_points
            FROM cur c
            JOIN score_snapshots s ON s.id = c.snapshot_id
            LEFT JOIN prev p ON p.unit_code = c.unit_code
            WHERE @root::text IS NULL
               OR EXISTS (SELECT 1 FROM unit_closure uc WHERE uc.ancestor = @root AND uc.descendant = c.unit_code)) r ON true
        ORDER BY r.rank, r.unit_code
        """;

    private const string RankingStateSql = """
        SELECT count(*) FILTER (WHERE period_start = @start), COALESCE(max(snapshot_id) FILTER (WHERE period_start = @start), 0),
               count(*) FILTER (WHERE period_start = @previous), COALESCE(max(snapshot_id) FILTER (WHERE period_start = @previous), 0)
        FROM current_scores
        WHERE period_kind = @kind AND period_start IN (@start, @previous) AND unit_level = @level
        """;

    private const string ScoresSql = $"""
        SELECT 0, c.unit_code, c.total, c.classification, c.rule_set, c.computed_at, c.snapshot_id,
               p.total, p.snapshot_id, {GroupCodes}, {GroupPoints}
        FROM current_scores c
        JOIN score_snapshots s ON s.id = c.snapshot_id
        LEFT JOIN current_scores p ON p.unit_code = c.unit_code AND p.period_kind = @kind AND p.period_start = @previous
        WHERE c.unit_code = ANY(@units) AND c.period_kind = @kind AND c.period_start = @start
        ORDER BY c.unit_code
        """;

    private const string BreakdownSql = """
        SELECT c.snapshot_id, c.computed_at, s.score::text
        FROM current_scores c JOIN score_snapshots s ON s.id = c.snapshot_id
        WHERE c.unit_code = @unit AND c.period_kind = @kind AND c.period_start = @start
        """;

    private const string HistorySql = """
        SELECT period_start, total, classification, rule_set, snapshot_id, computed_at
        FROM current_scores
        WHERE unit_code = @unit AND period_kind = @kind AND period_start BETWEEN @from AND @to
        ORDER BY period_start
        """;

    private const string SnapshotsSql = """
        SELECT s.id, s.computed_at, s.evaluated_at, s.total, s.classification, s.rule_set, s.id = c.snapshot_id
        FROM score_snapshots s
        LEFT JOIN current_scores c ON c.unit_code = s.unit_code AND c.period_kind = s.period_kind AND c.period_start = s.period_start
        WHERE s.unit_code = @unit AND s.period_kind = @kind AND s.period_start = @start
        ORDER BY s.id DESC
        LIMIT @limit
        """;

    /// <param name="root">The caller's subtree, or null for every unit.</param>
    public async Task<StoredRanking> RankingAsync(string level, Period period, string? root, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(RankingSql);
        AddPeriod(command, period);
        command.Parameters.AddWithValue("previous", period.Previous.Start);
        command.Parameters.AddWithValue("level", level);
        command.Parameters.Add(new NpgsqlParameter("root", NpgsqlDbType.Text) { Value = (object?)root ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var version = "";
        var ranked = 0;
        var rows = new List<StoredScore>();
        while (await reader.ReadAsync(cancellationToken))
        {
            version = reader.GetString(0);
            ranked = reader.GetInt32(1);
            if (!reader.IsDBNull(3))
            {
                rows.Add(ReadScore(reader, 2));
            }
        }
        return new StoredRanking(version, ranked, rows);
    }

    /// <summary>The state a level's ranking for the period was read at (see <see cref="RankingCache"/>).</summary>
    public async Task<RankingState> RankingStateAsync(string level, Period period, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(RankingStateSql);
        AddPeriod(command, period);
        command.Parameters.AddWithValue("previous", period.Previous.Start);
        command.Parameters.AddWithValue("level", level);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new RankingState(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <summary>The current scores of these units for the period (those that have one), with the previous period's totals.</summary>
    public async Task<IReadOnlyList<StoredScore>> ScoresAsync(IReadOnlyList<string> units, Period period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(units);
        await using var command = dataSource.CreateCommand(ScoresSql);
        AddPeriod(command, period);
        command.Parameters.AddWithValue("previous", period.Previous.Start);
        command.Parameters.Add(new NpgsqlParameter("units", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = units.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<StoredScore>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ReadScore(reader, 0));
        }
        return rows;
    }

    public async Task<StoredBreakdown?> BreakdownAsync(string unit, Period period, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(BreakdownSql);
        command.Parameters.AddWithValue("unit", unit);
        AddPeriod(command, period);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new StoredBreakdown(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), ScoreJson.Deserialize(reader.GetString(2)));
    }

    /// <summary>The current totals of the periods of <paramref name="kind"/> starting between the two days, by period.</summary>
    public async Task<IReadOnlyDictionary<DateOnly, HistoryPoint>> HistoryAsync(string unit, PeriodKind kind, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(HistorySql);
        command.Parameters.AddWithValue("unit", unit);
        command.Parameters.AddWithValue("kind", (short)kind);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var points = new Dictionary<DateOnly, HistoryPoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var start = reader.GetFieldValue<DateOnly>(0);
            points[start] = new HistoryPoint(
                new Period(kind, start).ToString(), ScoreRounding.Points(reader.GetDouble(1)), reader.GetString(2), reader.GetString(3),
                reader.GetInt64(4), reader.GetFieldValue<DateTimeOffset>(5));
        }
        return points;
    }

    /// <summary>The newest <paramref name="limit"/> snapshots of a unit and period, newest first.</summary>
    public async Task<IReadOnlyList<SnapshotEntry>> SnapshotsAsync(string unit, Period period, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SnapshotsSql);
        command.Parameters.AddWithValue("unit", unit);
        AddPeriod(command, period);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var snapshots = new List<SnapshotEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            snapshots.Add(new SnapshotEntry(
                reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2),
                ScoreRounding.Points(reader.GetDouble(3)), reader.GetString(4), reader.GetString(5), !reader.IsDBNull(6) && reader.GetBoolean(6)));
        }
        return snapshots;
    }

    private static void AddPeriod(NpgsqlCommand command, Period period)
    {
        command.Parameters.AddWithValue("kind", (short)period.Kind);
        command.Parameters.AddWithValue("start", period.Start);
    }

    /// <summary>rank, unit, total, classification, rule set, computed at, snapshot, previous total, previous snapshot, group codes, group points.</summary>
    private static StoredScore ReadScore(NpgsqlDataReader reader, int first) => new(
        reader.GetInt32(first),
        reader.GetString(first + 1),
        reader.GetDouble(first + 2),
        reader.GetString(first + 3),
        reader.GetString(first + 4),
        reader.GetFieldValue<DateTimeOffset>(first + 5),
        reader.GetInt64(first + 6),
        reader.IsDBNull(first + 7) ? null : reader.GetDouble(first + 7),
        reader.IsDBNull(first + 8) ? null : reader.GetInt64(first + 8),
        reader.GetFieldValue<string[]>(first + 9),
        reader.GetFieldValue<double[]>(first + 10));
}
