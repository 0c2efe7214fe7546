using Npgsql;

namespace Hub.Scoring.Engine;

/// <summary>The (unit, month) pairs a round counts from the facts, and their distinct months in order.</summary>
internal sealed class PairMonths(HashSet<(int Unit, DateOnly Month)> pairs, MonthBounds[] months)
{
    public static PairMonths None { get; } = new([], []);

    public MonthBounds[] Months => months;

    public bool Contains(int unit, DateOnly month) => pairs.Count > 0 && pairs.Contains((unit, month));

    /// <summary>Reads scoring_pairs, naming units by their index in <paramref name="tally"/>.</summary>
    public static async Task<PairMonths> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, OwnCountTally tally, CancellationToken cancellationToken)
    {
        var pairs = new HashSet<(int, DateOnly)>();
        var months = new Dictionary<DateOnly, MonthBounds>();
        await using var command = new NpgsqlCommand(CounterSql.PairMonths, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var month = MonthBounds.Read(reader, 1);
            pairs.Add((tally.UnitIndex(reader.GetString(0)), month.Start));
            months.TryAdd(month.Start, month);
        }
        return new PairMonths(pairs, months.Values.OrderBy(m => m.Start).ToArray());
    }
}
