using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Hub.Scoring.Periods;

/// <summary>
/// A reporting period: a month, quarter or year of Vietnamese local time (UTC+7, no daylight
/// saving). Written "2026-11" (month), "2026-Q4" (quarter) or "2026" (year).
/// </summary>
public readonly record struct Period(PeriodKind Kind, DateOnly Start)
{
    /// <summary>Asia/Ho_Chi_Minh: periods, days and deadlines are reckoned in local time.</summary>
    public static readonly TimeSpan LocalOffset = TimeSpan.FromHours(7);

    public DateOnly End => Kind switch
    {
        PeriodKind.Month => Start.AddMonths(1),
        PeriodKind.Quarter => Start.AddMonths(3),
        _ => Start.AddYears(1),
    };

    /// <summary>The first instant of the period.</summary>
    public DateTimeOffset From => ToInstant(Start);

    /// <summary>The first instant after the period.</summary>
    public DateTimeOffset To => ToInstant(End);

    public Period Previous => Kind switch
    {
        PeriodKind.Month => new(Kind, Start.AddMonths(-1)),
        PeriodKind.Quarter => new(Kind, Start.AddMonths(-3)),
        _ => new(Kind, Start.AddYears(-1)),
    };

    /// <summary>When a period's figures are judged: its end once it is over, otherwise now.</summary>
    public DateTimeOffset EvaluatedAt(DateTimeOffset now) => now < To ? now : To;

    public static Period Containing(PeriodKind kind, DateTimeOffset instant)
    {
        var local = DateOnly.FromDateTime(instant.ToOffset(LocalOffset).DateTime);
        return kind switch
        {
            PeriodKind.Month => new(kind, new DateOnly(local.Year, local.Month, 1)),
            PeriodKind.Quarter => new(kind, new DateOnly(local.Year, ((local.Month - 1) / 3 * 3) + 1, 1)),
            _ => new(kind, new DateOnly(local.Year, 1, 1)),
        };
    }

    /// <summary>The month, quarter and year that contain <paramref name="instant"/>.</summary>
    public static IEnumerable<Period> AllContaining(DateTimeOffset instant) =>
        [Containing(PeriodKind.Month, instant), Containing(PeriodKind.Quarter, instant), Containing(PeriodKind.Year, instant)];

    public static DateTimeOffset ToInstant(DateOnly localDay) =>
        new(localDay.ToDateTime(TimeOnly.MinValue), LocalOffset);

    public override string ToString() => Kind switch
    {
        PeriodKind.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Start.Year}-Q{((Start.Month - 1) / 3) + 1}"),
        _ => Start.Year.ToString(CultureInfo.InvariantCulture),
    };

    public static bool TryParse([NotNullWhen(true)] string? text, out Period period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var parts = text.Trim().Split('-');
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || parts[0].Length != 4 || year < 2000 || year > 2100)
        {
            return false;
        }
        if (parts.Length == 1)
        {
            period = new(PeriodKind.Year, new DateOnly(year, 1, 1));
            return true;
        }
        if (parts.Length != 2)
        {
            return false;
        }
        var tail = parts[1];
        if (tail.Length == 2 && (tail[0] is 'Q' or 'q') && tail[1] is >= '1' and <= '4')
        {
            period = new(PeriodKind.Quarter, new DateOnly(year, ((tail[1] - '1') * 3) + 1, 1));
            return true;
        }
        if (tail.Length == 2 && int.TryParse(tail, NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
        {
            period = new(PeriodKind.Month, new DateOnly(year, month, 1));
            return true;
        }
        return false;
    }

    public static Period Parse(string text) =>
        TryParse(text, out var period) ? period : throw new FormatException($"'{text}' is not a period (2026-11, 2026-Q4 or 2026).");
}
