using System.Globalization;

namespace Hub.Scoring.Calendar;

/// <summary>
/// Working days: Monday to Friday, less the public holidays listed in the calendar file. The engine
/// counts working days in SQL over the table built from this (see add_working_days).
/// </summary>
public sealed class WorkingCalendar(IReadOnlySet<DateOnly> holidays)
{
    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day);

    /// <summary>Every day of the years, with its working-day ordinal (working days up to and including it).</summary>
    public IEnumerable<(DateOnly Day, bool Working, int Ordinal)> Days(int firstYear, int lastYear)
    {
        var ordinal = 0;
        for (var day = new DateOnly(firstYear, 1, 1); day.Year <= lastYear; day = day.AddDays(1))
        {
            var working = IsWorkingDay(day);
            if (working)
            {
                ordinal++;
            }
            yield return (day, working, ordinal);
        }
    }

    /// <summary>Reads "date,name" lines (yyyy-MM-dd).</summary>
    public static WorkingCalendar Load(string path) =>
        new(File.ReadLines(path).Skip(1)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => DateOnly.ParseExact(line.Split(',', 2)[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture))
            .ToHashSet());
}
