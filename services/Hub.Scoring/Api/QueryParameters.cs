using Hub.Scoring.Periods;
using Hub.Scoring.Units;

namespace Hub.Scoring.Api;

/// <summary>
/// Reads query parameters the way every route does. Each method answers the error to report for
/// the field (the caller gets a 400 problem naming it), or null when the value is good.
/// </summary>
public static class QueryParameters
{
    public const string PeriodSyntax = "a month (2026-05), a quarter (2026-Q2) or a year (2026)";

    public const int MaxHistoryPoints = 240;

    public const int MaxSnapshots = 1000;

    public static string? RequiredPeriod(string? text, string field, out Period period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return $"'{field}' is required: {PeriodSyntax}.";
        }
        return OptionalPeriod(text, out var parsed) is { } error ? error : Assign(parsed!.Value, out period);
    }

    public static string? OptionalPeriod(string? text, out Period? period)
    {
        period = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (!Period.TryParse(text, out var parsed))
        {
            return $"'{text}' is not a period: write {PeriodSyntax}.";
        }
        period = parsed;
        return null;
    }

    /// <summary>A unit level; missing means province.</summary>
    public static string? Level(string? text, out string level)
    {
        level = string.IsNullOrWhiteSpace(text) ? UnitLevels.Province : text.Trim();
        return UnitLevels.All.Contains(level)
            ? null
            : $"'{text}' is not a level: one of {string.Join(", ", UnitLevels.All.Order(StringComparer.Ordinal))}.";
    }

    public static string? Kind(string? text, out PeriodKind? kind)
    {
        kind = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (!PeriodKinds.TryParse(text, out var parsed))
        {
            return $"'{text}' is not a period kind: month, quarter or year.";
        }
        kind = parsed;
        return null;
    }

    public static string? Limit(string? text, int fallback, int max, out int limit)
    {
        limit = fallback;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > max)
        {
            return $"'{text}' is not a whole number from 1 to {max}.";
        }
        return null;
    }

    private static string? Assign(Period parsed, out Period period)
    {
        period = parsed;
        return null;
    }
}
