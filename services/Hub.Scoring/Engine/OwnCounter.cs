using Npgsql;
using NpgsqlTypes;

namespace Hub.Scoring.Engine;

/// <summary>
/// Own counts, per (unit, month, procedure), into scoring_own: the dossiers each unit itself
/// received or handled in the month. PostgreSQL reads the dossiers with their deadlines in one
/// statement (CounterSql.OwnCountRows); this class spreads each over the months it counts in and
/// adds up the figures, then copies the rows in. Two kinds of rows:
/// <list type="bullet">
/// <item>with countPairs, the pairs in scoring_pairs, counted from the facts (to replace what is
/// stored);</item>
/// <item>with takeChanges, the versions logged in dossier_count_changes since the last round, as
/// changes to add to the other months they reach (a replaced version counts −1).</item>
/// </list>
/// A dossier counts in a month as judged at its change or at the month's last count from the
/// facts (now, for those counted here), whichever is later, and never past the month's end: a
/// version taken away weighs what it weighed when it was added, and a month that had not begun then
/// does not hold it. Months run on the local calendar (PostgreSQL gives their bounds). Besides the
/// month's own figures, each row splits what a longer period needs from its last month: the on-time
/// and satisfactory dossiers that ended within the month apart from those still open at its end,
/// and the dossiers still waiting for a digitised paper result by the month, quarter or year they
/// were received in.
/// </summary>
/// <remarks>
/// The counting ran in SQL before, as one statement over every (dossier, month): 6 of the 14 s of
/// a full recompute of 1,000,000 dossiers, one CPU busy and the other idle. Here PostgreSQL only
/// reads and the service counts, side by side.
/// </remarks>
internal static class OwnCounter
{
    public static async Task CountAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, bool countPairs, bool takeChanges,
        CancellationToken cancellationToken)
    {
        // PostgreSQL keeps microseconds: months counted here are stored as counted at this instant.
        var countedAt = WholeMicroseconds(now.UtcDateTime);
        var tally = new OwnCountTally();
        var pairs = countPairs ? await PairMonths.ReadAsync(connection, transaction, tally, cancellationToken) : PairMonths.None;
        var changes = new List<OwnCountRow>();
        await using (var copy = await BinaryCopyReader.OpenAsync(connection, CounterSql.OwnCountRows(countPairs, takeChanges), cancellationToken))
        {
            while (await copy.FillAsync(cancellationToken))
            {
                TakeRows(copy, tally, pairs, countedAt, changes);
            }
        }
        if (changes.Count > 0)
        {
            await AddChangesAsync(connection, transaction, tally, changes, pairs, countedAt, cancellationToken);
        }
        await tally.WriteAsync(connection, cancellationToken);
    }

    /// <summary>
    /// Takes the whole rows that have arrived: a fact goes into the tally at once; a change waits
    /// for the months it can reach (<see cref="AddChangesAsync"/>).
    /// </summary>
    private static void TakeRows(BinaryCopyReader copy, OwnCountTally tally, PairMonths pairs, DateTime countedAt, List<OwnCountRow> changes)
    {
        var data = copy.Unread;
        var read = 0;
        while (true)
        {
            var fields = new CopyFields(data[read..]);
            var count = fields.FieldCount();
            if (fields.Short)
            {
                break;
            }
            if (count == -1)
            {
                copy.Advance(read + fields.Position, ended: true);
                return;
            }
            if (count != OwnCountRow.FieldCount)
            {
                throw new InvalidDataException($"A row of own counts with {count} fields.");
            }
            var row = OwnCountRow.Read(ref fields);
            if (fields.Short)
            {
                break;
            }
            read += fields.Position;
            if (row.Delta)
            {
                changes.Add(row);
            }
            else
            {
                AddFact(tally, row, pairs, countedAt);
            }
        }
        copy.Advance(read, ended: false);
    }

    private static DateTime WholeMicroseconds(DateTime at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);

    /// <summary>A fact in every month of its unit's pairs that it spans: from its receipt to its end, or on while it is open.</summary>
    private static void AddFact(OwnCountTally tally, in OwnCountRow row, PairMonths pairs, DateTime countedAt)
    {
        var (unit, procedure, months) = (tally.UnitIndex(row.UnitCode), tally.ProcedureIndex(row.ProcedureCode), pairs.Months);
        var (first, end) = MonthBounds.Spanned(months, row.ReceivedAt, row.TerminalAt);
        for (var i = first; i < end; i++)
        {
            if (pairs.Contains(unit, months[i].Start))
            {
                tally.Add(row, unit, procedure, months[i], countedAt);
            }
        }
    }

    /// <summary>
    /// The changes taken, each in every month it can reach (from its receipt to its end, or to now
    /// while it is open), apart from the months counted from the facts in the same round.
    /// </summary>
    private static async Task AddChangesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, OwnCountTally tally, List<OwnCountRow> changes,
        PairMonths pairs, DateTime countedAt, CancellationToken cancellationToken)
    {
        var latest = changes.Max(c => c.ChangedAt);
        var months = await MonthsBetweenAsync(
            connection, transaction, changes.Min(c => c.ReceivedAt), latest > countedAt ? latest : countedAt, cancellationToken);
        var lastCounted = await LastCountedAsync(connection, transaction, changes.Select(c => c.UnitCode).Distinct().ToArray(), cancellationToken);
        foreach (var row in changes)
        {
            var (unit, procedure) = (tally.UnitIndex(row.UnitCode), tally.ProcedureIndex(row.ProcedureCode));
            var (first, end) = MonthBounds.Spanned(months, row.ReceivedAt, row.TerminalAt);
            for (var i = first; i < end; i++)
            {
                var month = months[i];
                if (!pairs.Contains(unit, month.Start))
                {
                    tally.Add(row, unit, procedure, month, lastCounted.GetValueOrDefault((row.UnitCode, month.Start), DateTime.MinValue));
                }
            }
        }
    }

    private static async Task<MonthBounds[]> MonthsBetweenAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateTime first, DateTime last, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CounterSql.MonthsBetween, connection, transaction);
        command.Parameters.AddWithValue("first", first);
        command.Parameters.AddWithValue("last", last);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var months = new List<MonthBounds>();
        while (await reader.ReadAsync(cancellationToken))
        {
            months.Add(MonthBounds.Read(reader, 0));
        }
        return [.. months];
    }

    /// <summary>When each month of the units was last counted from the facts; a month never counted is absent.</summary>
    private static async Task<Dictionary<(string Unit, DateOnly Month), DateTime>> LastCountedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string[] units, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CounterSql.CountedMonths, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("units", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = units });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counted = new Dictionary<(string, DateOnly), DateTime>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counted[(reader.GetString(0), reader.GetFieldValue<DateOnly>(1))] = reader.GetFieldValue<DateTime>(2);
        }
        return counted;
    }
}
