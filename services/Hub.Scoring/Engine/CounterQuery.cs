using Hub.Scoring.Periods;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Scoring.Engine;

/// <summary>
/// Computes every counter for a batch of targets with a fixed number of statements, whatever the
/// batch size. The round's transaction counts and stores the own counts and reads them back for
/// the service to add up over subtrees and months (<see cref="SubtreeSums"/>); a second one reads
/// the feedback, unit and procedure facts at the same time, as they need nothing the round writes.
/// Counters with no matching facts are 0.
/// </summary>
public static class CounterQuery
{
    public static async Task<Dictionary<ScoreTarget, Dictionary<string, double>>> RunAsync(
        NpgsqlDataSource dataSource, NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ScoreTarget> targets,
        DateTimeOffset now, CountSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var result = targets.Distinct().ToDictionary(t => t, _ => Counters.All.ToDictionary(c => c, _ => 0.0, StringComparer.Ordinal));
        if (result.Count == 0)
        {
            return result;
        }
        var batch = result.Keys.ToList();
        // Storing the own counts joins a row per (unit, month, procedure) to the stored ones: for
        // 1,000,000 dossiers some 100,000 rows, whose hash table (7 MB) the default 4 MB would
        // spill to disk. Rounds run one at a time per database (a --verify may run beside them).
        await ExecuteAsync(new NpgsqlCommand("SET LOCAL work_mem = '64MB'", connection, transaction), cancellationToken);
        // The planner's estimates for these statements are far above its JIT thresholds (a range
        // join it cannot foresee), and compiling one took about 0.8 s: more than the whole statement
        // in a round that follows a few thousand dossier changes, and a full recompute of 1,000,000
        // dossiers ran 10 % faster without it.
        await ExecuteAsync(new NpgsqlCommand("SET LOCAL jit = off", connection, transaction), cancellationToken);
        // Read before the counts, so a month's counts are at least as new as the generation stored with them.
        var generation = await DirtyTargets.ReadGenerationAsync(connection, transaction, cancellationToken);
        var pairs = Command(source == CountSource.Stored ? CounterSql.DirtyPairs : CounterSql.AllPairs, connection, transaction, batch, now);
        pairs.Parameters.AddWithValue("generation", generation);
        await ExecuteAsync(pairs, cancellationToken);
        // A temporary table has no statistics until analysed; without them every join is planned for 1 row.
        await ExecuteAsync(new NpgsqlCommand("ANALYZE scoring_pairs", connection, transaction), cancellationToken);
        // The own counts are joined by text keys, to the stored ones and to the months the batch
        // reaches. Hashed rather than sorted, a full recompute of 1,000,000 dossiers took 5.7 to
        // 6.8 s against 6.2 to 6.5 s in three alternating runs: a small gain, kept.
        await ExecuteAsync(new NpgsqlCommand("SET LOCAL enable_sort = off", connection, transaction), cancellationToken);
        await ExecuteAsync(new NpgsqlCommand(CounterSql.CreateOwn, connection, transaction), cancellationToken);
        // Without pairs to count, the facts are not read at all: with no bounds to narrow it, the
        // planner would scan them only to find nothing.
        var (pairCount, broad) = await MeasurePairsAsync(connection, transaction, cancellationToken);
        var (countPairs, takeChanges) = (pairCount > 0, source == CountSource.Stored);
        if (broad)
        {
            // The facts' index leads with the unit and bounds receipt from above only, so for each
            // unit it reads the unit's whole history in random order. When the pairs reach a good
            // share of the units (a full recompute, the refresh of running periods), one sequential
            // scan reads the same rows for less: about 0.5 s less on 1,000,000 dossiers.
            await ExecuteAsync(new NpgsqlCommand("SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off", connection, transaction), cancellationToken);
        }
        if (countPairs || takeChanges)
        {
            await OwnCounter.CountAsync(connection, transaction, now, countPairs, takeChanges, cancellationToken);
        }
        await ExecuteAsync(new NpgsqlCommand("SET LOCAL enable_indexscan = on; SET LOCAL enable_bitmapscan = on", connection, transaction), cancellationToken);
        var tree = await UnitTree.ReadAsync(connection, transaction, batch.Select(t => t.UnitCode), cancellationToken);
        // The feedback, unit and procedure facts read nothing this round writes. On a connection of
        // their own they are read while this one stores the own counts, statements that keep one
        // CPU busy and leave the other idle.
        var separateTask = SeparateCountersAsync(dataSource, batch, now, cancellationToken);
        var sumsTask = SubtreeSumsAsync(connection, transaction, batch, tree, now, source, generation, cancellationToken);
        await Task.WhenAll(separateTask, sumsTask);
        var ((separate, procedures), sums) = (await separateTask, await sumsTask);
        for (var i = 0; i < batch.Count; i++)
        {
            var (target, index) = (batch[i], i);
            var counters = result[target];
            foreach (var (name, value) in separate[target])
            {
                counters[name] = value;
            }
            sums.WriteCounters(index, counters);
            procedures.WriteCounters(target, tree, procedure => sums.Use(index, procedure), counters);
            counters[Counters.DossiersSyncBase] = Math.Max(counters[Counters.DossiersReceived], counters[Counters.DossiersDeclared]);
        }
        // The statements after the counters (snapshots, marks) lock rows in key order: sorting is theirs again.
        await ExecuteAsync(new NpgsqlCommand("DROP TABLE scoring_own, scoring_pairs; SET LOCAL enable_sort = on", connection, transaction), cancellationToken);
        return result;
    }

    /// <summary>Stores the own counts counted (with <see cref="CountSource.Stored"/>), then adds up those of every target's subtree and months.</summary>
    private static async Task<SubtreeSums> SubtreeSumsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<ScoreTarget> batch, UnitTree tree, DateTimeOffset now,
        CountSource source, long generation, CancellationToken cancellationToken)
    {
        if (source == CountSource.Stored)
        {
            await StoreOwnCountsAsync(connection, transaction, now, generation, cancellationToken);
        }
        var ownCountTable = source == CountSource.Stored ? "unit_counts" : "scoring_own";
        await using var ownCounts = Command(CounterSql.ReachedOwnCounts(ownCountTable), connection, transaction, batch, now);
        return await SubtreeSums.ReadAsync(ownCounts, batch, tree, now, cancellationToken);
    }

    /// <summary>
    /// The feedback and unit counters, and the procedures the batch's units count, read in a
    /// transaction of their own with the round's planner settings.
    /// </summary>
    private static async Task<(Dictionary<ScoreTarget, Dictionary<string, double>> Counters, ProcedureCatalogue Procedures)> SeparateCountersAsync(
        NpgsqlDataSource dataSource, List<ScoreTarget> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var counters = batch.ToDictionary(t => t, _ => new Dictionary<string, double>(StringComparer.Ordinal));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(new NpgsqlCommand("SET LOCAL work_mem = '64MB'; SET LOCAL jit = off; SET LOCAL enable_sort = off", connection, transaction), cancellationToken);
        await ReadAsync(Command(CounterSql.FeedbackCounters, connection, transaction, batch, now), CounterSql.FeedbackCounterNames, counters, cancellationToken);
        await ReadAsync(Command(CounterSql.UnitCounters, connection, transaction, batch, now), CounterSql.UnitCounterNames, counters, cancellationToken);
        var procedures = await ProcedureCatalogue.ReadAsync(connection, transaction, batch, cancellationToken);
        return (counters, procedures);
    }

    // The share of all units past which the pairs' facts are read by one sequential scan.
    private const double BroadShareOfUnits = 0.25;

    /// <summary>How many pairs scoring_pairs holds, and whether their units are a broad share of all units.</summary>
    private static async Task<(long Pairs, bool Broad)> MeasurePairsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*), count(DISTINCT unit_code), (SELECT count(*) FROM units) FROM scoring_pairs", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (pairs, units, allUnits) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        return (pairs, units > 0 && units >= BroadShareOfUnits * allUnits);
    }

    /// <remarks>
    /// The round analysed unit_counts after a recount that wrote more than 20,000 rows, for the
    /// subtree sums PostgreSQL planned then. The read that replaced them plans well enough on the
    /// table's older statistics: a first full recompute of 1,000,000 dossiers without the 0.3 s
    /// ANALYZE took 7.57 and 6.83 s, against 7.94 and 7.68 s with it, in alternating runs.
    /// </remarks>
    private static async Task StoreOwnCountsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, long generation, CancellationToken cancellationToken)
    {
        var store = AtNow(CounterSql.StoreCountedPairs, connection, transaction, now);
        store.Parameters.AddWithValue("generation", generation);
        await ExecuteAsync(store, cancellationToken);
        var changes = new NpgsqlCommand(CounterSql.AddChanges, connection, transaction);
        changes.Parameters.AddWithValue("generation", generation);
        await ExecuteAsync(changes, cancellationToken);
    }

    private static NpgsqlCommand AtNow(string sql, NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("now", now.UtcDateTime);
        return command;
    }

    private static async Task ExecuteAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection, NpgsqlTransaction transaction, List<ScoreTarget> targets, DateTimeOffset now)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter("units", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = targets.Select(t => t.UnitCode).ToArray() });
        p.Add(new NpgsqlParameter("kinds", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = targets.Select(t => (short)t.Period.Kind).ToArray() });
        p.Add(new NpgsqlParameter("starts", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = targets.Select(t => t.Period.Start).ToArray() });
        p.Add(new NpgsqlParameter("froms", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = targets.Select(t => t.Period.From.UtcDateTime).ToArray() });
        p.Add(new NpgsqlParameter("tos", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = targets.Select(t => t.Period.To.UtcDateTime).ToArray() });
        p.Add(new NpgsqlParameter("evals", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = targets.Select(t => t.Period.EvaluatedAt(now).UtcDateTime).ToArray() });
        return command;
    }

    private static async Task ReadAsync(NpgsqlCommand command, string[] names, Dictionary<ScoreTarget, Dictionary<string, double>> result, CancellationToken cancellationToken)
    {
        await using (command)
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var target = ScoreTarget.Read(reader);
                if (!result.TryGetValue(target, out var counters))
                {
                    continue;
                }
                for (var i = 0; i < names.Length; i++)
                {
                    counters[names[i]] = reader.IsDBNull(i + 3) ? 0 : Convert.ToDouble(reader.GetValue(i + 3), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
    }
}
