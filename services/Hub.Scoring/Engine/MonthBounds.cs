using Npgsql;

namespace Hub.Scoring.Engine;

/// <summary>A month on the local calendar: its first day, and the instants it, its quarter and its year begin and it ends.</summary>
internal readonly record struct MonthBounds(DateOnly Start, DateTime From, DateTime To, DateTime QuarterFrom, DateTime YearFrom)
{
    /// <summary>Reads the month from <paramref name="first"/> on: its start, then the four columns of CounterSql's month bounds.</summary>
    public static MonthBounds Read(NpgsqlDataReader reader, int first) => new(
        reader.GetFieldValue<DateOnly>(first), reader.GetFieldValue<DateTime>(first + 1), reader.GetFieldValue<DateTime>(first + 2),
        reader.GetFieldValue<DateTime>(first + 3), reader.GetFieldValue<DateTime>(first + 4));

    /// <summary>
    /// The range [First, End) of <paramref name="months"/> (in order) that a dossier spans: those
    /// ending after its receipt and beginning no later than its end (all of them on while it is open).
    /// </summary>
    public static (int First, int End) Spanned(MonthBounds[] months, DateTime receivedAt, DateTime? terminalAt)
    {
        var first = FirstEndingAfter(months, receivedAt);
        var end = first;
        while (end < months.Length && !(terminalAt < months[end].From))
        {
            end++;
        }
        return (first, end);
    }

    /// <summary>
    /// The index of the first of <paramref name="months"/> (in order) that ends after
    /// <paramref name="at"/>: the first month a dossier received at that instant can count in.
    /// </summary>
    public static int FirstEndingAfter(MonthBounds[] months, DateTime at)
    {
        var (low, high) = (0, months.Length);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (months[middle].To > at)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }
        return low;
    }
}
