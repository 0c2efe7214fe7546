using Hub.Scoring.Periods;

namespace Hub.Scoring.Api;

/// <summary>How period kinds are written in the API ("month", "quarter", "year").</summary>
public static class PeriodKinds
{
    public static string Name(PeriodKind kind) => kind switch
    {
        PeriodKind.Month => "month",
        PeriodKind.Quarter => "quarter",
        PeriodKind.Year => "year",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a period kind"),
    };

    public static bool TryParse(string? text, out PeriodKind kind)
    {
        kind = default;
        switch (text?.Trim())
        {
            case "month":
                kind = PeriodKind.Month;
                return true;
            case "quarter":
                kind = PeriodKind.Quarter;
                return true;
            case "year":
                kind = PeriodKind.Year;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The period after <paramref name="period"/>, of the same kind.</summary>
    public static Period Next(Period period) => period.Kind switch
    {
        PeriodKind.Month => new(period.Kind, period.Start.AddMonths(1)),
        PeriodKind.Quarter => new(period.Kind, period.Start.AddMonths(3)),
        _ => new(period.Kind, period.Start.AddYears(1)),
    };
}
