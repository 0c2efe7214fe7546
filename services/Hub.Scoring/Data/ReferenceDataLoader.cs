using Hub.Scoring.Calendar;
using Hub.Scoring.Facts;
using Hub.Scoring.Units;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Scoring.Data;

/// <summary>
/// Loads the shipped reference data into the database before consumers start: the units, their
/// closure (every ancestor–descendant pair, which is how a province's figures take in its whole
/// subtree) and the calendar days. Replicas serialise on an advisory lock; reloading is idempotent.
/// When the tree or the calendar differs from what was loaded before (an operator added next
/// year's holidays, a commune moved or was added), every target is marked dirty: deadlines and
/// subtrees were counted with the old data, the stored own counts would otherwise keep it, and a
/// unit new to the tree has facts that no mark reached.
/// </summary>
public sealed class ReferenceDataLoader(NpgsqlDataSource dataSource, UnitDirectory units, WorkingCalendar calendar, ScoringOptions options) : IHostedService
{
    private const long LockKey = 766_000;

    // What the counts depend on: each unit's place in the tree and level, and every calendar day.
    private const string FingerprintSql = """
        SELECT md5(concat(
            (SELECT string_agg(concat_ws(',', code, parent, level), ';' ORDER BY code) FROM units), '|',
            (SELECT string_agg(concat_ws(',', day, working, working_ordinal), ';' ORDER BY day) FROM calendar_days)))
        """;

    // Raised and held before any mark, as a catalogue change does (Facts/FactWriter): a round that
    // counted with the old data and completes after this commit keeps its marks, so a target this
    // statement cannot see yet (scored for the first time meanwhile) is counted again too.
    private const string RaiseGenerationSql = "SELECT 1 FROM catalogue_generation FOR UPDATE; UPDATE catalogue_generation SET seq = seq + 1;";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        var before = await FingerprintAsync(connection, transaction, cancellationToken);
        await ExecuteAsync(connection, transaction, "DELETE FROM unit_closure; DELETE FROM units; DELETE FROM calendar_days;", cancellationToken);
        await LoadUnitsAsync(connection, transaction, cancellationToken);
        await LoadCalendarAsync(connection, transaction, cancellationToken);
        if (await FingerprintAsync(connection, transaction, cancellationToken) != before)
        {
            await ExecuteAsync(connection, transaction, RaiseGenerationSql, cancellationToken);
            // The counters join these tables with every target. Planned with the statistics of the
            // tables before (empty, after a migration), one counter took 8 s instead of 0.1.
            await ExecuteAsync(connection, transaction, "ANALYZE units, unit_closure, calendar_days", cancellationToken);
            await ExecuteAsync(connection, transaction, DirtyMarks.MarkEverything, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<string> FingerprintAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(FingerprintSql, connection, transaction);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task LoadUnitsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var all = units.All.ToList();
        await using (var command = new NpgsqlCommand("INSERT INTO units SELECT * FROM unnest(@codes, @parents, @levels, @names)", connection, transaction))
        {
            command.Parameters.Add(Array("codes", NpgsqlDbType.Text, all.Select(u => u.Code)));
            command.Parameters.Add(Array("parents", NpgsqlDbType.Text, all.Select(u => u.Parent)));
            command.Parameters.Add(Array("levels", NpgsqlDbType.Text, all.Select(u => u.Level)));
            command.Parameters.Add(Array("names", NpgsqlDbType.Text, all.Select(u => u.Name)));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        var pairs = all.SelectMany(u => units.SelfAndAncestors(u.Code).Select((a, depth) => (Ancestor: a.Code, Descendant: u.Code, Depth: depth))).ToList();
        await using (var command = new NpgsqlCommand("INSERT INTO unit_closure SELECT * FROM unnest(@ancestors, @descendants, @depths)", connection, transaction))
        {
            command.Parameters.Add(Array("ancestors", NpgsqlDbType.Text, pairs.Select(p => p.Ancestor)));
            command.Parameters.Add(Array("descendants", NpgsqlDbType.Text, pairs.Select(p => p.Descendant)));
            command.Parameters.Add(Array("depths", NpgsqlDbType.Integer, pairs.Select(p => p.Depth)));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task LoadCalendarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var days = calendar.Days(options.CalendarFirstYear, options.CalendarLastYear).ToList();
        await using var command = new NpgsqlCommand("INSERT INTO calendar_days SELECT * FROM unnest(@days, @working, @ordinals)", connection, transaction);
        command.Parameters.Add(Array("days", NpgsqlDbType.Date, days.Select(d => d.Day)));
        command.Parameters.Add(Array("working", NpgsqlDbType.Boolean, days.Select(d => d.Working)));
        command.Parameters.Add(Array("ordinals", NpgsqlDbType.Integer, days.Select(d => d.Ordinal)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType type, IEnumerable<T> values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values.ToArray() };

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
