namespace Hub.Contracts.Scoring;

/// <summary>
/// A unit's 766 score for one period as it now stands. PeriodKind 1 month, 2 quarter, 3 year;
/// PeriodStart is the first local day of the period; Total is out of 100, unrounded.
/// </summary>
public sealed record IndicatorResult(
    string UnitCode,
    int PeriodKind,
    DateOnly PeriodStart,
    string RuleSetVersion,
    double Total,
    string Classification,
    long SnapshotId,
    DateTimeOffset ComputedAt);
