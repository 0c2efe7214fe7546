using System.Globalization;

namespace Hub.Bench.Scoring;

/// <summary>The running month in Vietnamese local time, as the scores API writes periods.</summary>
public static class LocalMonth
{
    public static string Now() => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
