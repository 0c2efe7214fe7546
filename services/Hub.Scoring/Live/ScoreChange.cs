namespace Hub.Scoring.Live;

/// <summary>
/// A score change as the stream sends it (the data of an <c>event: score</c>): the fields of
/// IndicatorResult, with the period written as in the REST routes and the total shown to 2 decimals.
/// </summary>
public sealed record ScoreChange(
    string UnitCode,
    string UnitName,
    string UnitLevel,
    string Period,
    string PeriodKind,
    string RuleSetVersion,
    double Total,
    string Classification,
    long SnapshotId,
    DateTimeOffset ComputedAt);
