using Hub.Scoring.Periods;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Scoring.Engine;

/// <summary>
/// Computes every counter for a batch of targets: four set-based statements in one transaction,
/// whatever the batch size. Counters with no matching facts are 0.
/// </summary>
public static class CounterQuery
{
    public static async Task<Dictionary<ScoreTarget, Dictionary<string, double>>> RunAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ScoreTarget> targets, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var result = targets.Distinct().ToDictionary(t => t, _ => Counters.All.ToDictionary(c => c, _ => 0.0, StringComparer.Ordinal));
        if (result.Count == 0)
        {
            return result;
        }
        var batch = result.Keys.ToList();
        await using (var create = Command(CounterSql.DossiersByProcedure, connection, transaction, batch, now))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await ReadAsync(new NpgsqlCommand(CounterSql.DossierCounters, connection, transaction), CounterSql.DossierCounterNames, result, cancellationToken);
        await ReadAsync(Command(CounterSql.ProcedureCounters, connection, transaction, batch, now), CounterSql.ProcedureCounterNames, result, cancellationToken);
        await ReadAsync(Command(CounterSql.FeedbackCounters, connection, transaction, batch, now), CounterSql.FeedbackCounterNames, result, cancellationToken);
        await ReadAsync(Command(CounterSql.UnitCounters, connection, transaction, batch, now), CounterSql.UnitCounterNames, result, cancellationToken);
        await using (var drop = new NpgsqlCommand("DROP TABLE scoring_dossiers", connection, transaction))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var counters in result.Values)
        {
            counters[Counters.DossiersSyncBase] = Math.Max(counters[Counters.DossiersReceived], counters[Counters.DossiersDeclared]);
        }
        return result;
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
