using System.Globalization;
using Npgsql;

namespace Hub.Bench.Scoring;

/// <summary>
/// Where each probe's time went, read back from the databases once the probes are done: when the
/// dossier service marked the probe's event confirmed by the broker (its outbox row's sent_at), when
/// the scoring consumer's fact for it committed, and when the first snapshot of the commune counting
/// it committed. Commit times come from PostgreSQL's commit timestamps, which the bench's server
/// keeps (track_commit_timestamp); every clock is this machine's.
/// </summary>
public static class ProbeTimeline
{
    private const string SentSql = """
        SELECT substring(payload FROM '79-PROBE-[0-9]{5}'), sent_at FROM outbox_messages
        WHERE length(payload) < 16384 AND payload LIKE '%79-PROBE-%'
        """;

    private const string FactsSql = "SELECT code, pg_xact_commit_timestamp(xmin) FROM dossier_facts WHERE code LIKE '79-PROBE-%'";

    private const string SnapshotsSql = """
        SELECT (score -> 'counters' ->> 'dossiers_received')::float8, pg_xact_commit_timestamp(xmin) FROM score_snapshots
        WHERE unit_code = @unit AND period_kind = 1 AND period_start = @month ORDER BY id
        """;

    /// <param name="probes">Each probe's code, the count of received dossiers that shows it, and the client's instants of acknowledgement and of the answer that showed it.</param>
    public static async Task<IReadOnlyList<string>> RowsAsync(BenchHub hub, string unit, IReadOnlyList<ProbeSample> probes)
    {
        if (!await CommitTimesKeptAsync(hub.ScoringDatabase))
        {
            return ["| Freshness, where the time went | not traced: the server does not keep commit timestamps (track_commit_timestamp) |"];
        }
        var sent = await ReadAsync(hub.DossiersDatabase, SentSql);
        var facts = await ReadAsync(hub.ScoringDatabase, FactsSql);
        var snapshots = await ReadSnapshotsAsync(hub, unit);
        var segments = probes
            .Where(p => sent.ContainsKey(p.Code) && facts.ContainsKey(p.Code))
            .Select(p => new Segments(p, sent[p.Code], facts[p.Code], snapshots.FirstOrDefault(s => s.Count >= p.Count).CommittedAt))
            .Where(s => s.Snapshot != default)
            .ToList();
        var inv = CultureInfo.InvariantCulture;
        var slowest = segments.OrderByDescending(s => s.Total).Take(3);
        return
        [
            Row($"push acknowledged → its event confirmed by the broker ({segments.Count} of {probes.Count} probes traced)", segments.Select(s => s.Relay)),
            Row("→ its fact committed by the scoring consumer", segments.Select(s => s.Consume)),
            Row("→ the first snapshot counting it committed", segments.Select(s => s.Round)),
            Row("→ visible over REST through the gateway", segments.Select(s => s.Read)),
            "| The three slowest probes: total = relay + consumer + round + read (ms) | "
                + string.Join("; ", slowest.Select(s => string.Create(inv, $"{s.Total:0} = {s.Relay:0} + {s.Consume:0} + {s.Round:0} + {s.Read:0}"))) + " |",
        ];
    }

    private static string Row(string name, IEnumerable<double> values) => LatencyRow.Of($"Freshness, {name}", values);

    private static async Task<bool> CommitTimesKeptAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW track_commit_timestamp", connection);
        return (string?)await command.ExecuteScalarAsync() == "on";
    }

    private static async Task<Dictionary<string, DateTimeOffset>> ReadAsync(string database, string sql) =>
        (await QueryAsync(database, sql, _ => { }, r => (r.GetString(0), r.GetFieldValue<DateTimeOffset>(1))))
            .DistinctBy(row => row.Item1).ToDictionary(row => row.Item1, row => row.Item2, StringComparer.Ordinal);

    private static Task<List<(double Count, DateTimeOffset CommittedAt)>> ReadSnapshotsAsync(BenchHub hub, string unit) =>
        QueryAsync(hub.ScoringDatabase, SnapshotsSql, parameters =>
        {
            parameters.AddWithValue("unit", unit);
            parameters.AddWithValue("month", DateOnly.ParseExact(hub.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture));
        }, r => (r.GetDouble(0), r.GetFieldValue<DateTimeOffset>(1)));

    /// <summary>The rows of a two-column query whose columns are both set.</summary>
    private static async Task<List<T>> QueryAsync<T>(string database, string sql, Action<NpgsqlParameterCollection> bind, Func<NpgsqlDataReader, T> read)
    {
        var rows = new List<T>();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command.Parameters);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (!reader.IsDBNull(0) && !reader.IsDBNull(1))
            {
                rows.Add(read(reader));
            }
        }
        return rows;
    }

    private readonly record struct Segments(ProbeSample Probe, DateTimeOffset Sent, DateTimeOffset Fact, DateTimeOffset Snapshot)
    {
        public double Relay => (Sent - Probe.Acknowledged).TotalMilliseconds;
        public double Consume => (Fact - Sent).TotalMilliseconds;
        public double Round => (Snapshot - Fact).TotalMilliseconds;
        public double Read => (Probe.Visible - Snapshot).TotalMilliseconds;
        public double Total => (Probe.Visible - Probe.Acknowledged).TotalMilliseconds;
    }
}
