namespace Hub.Scoring.Api;

/// <summary>
/// A unit's direct children for a period, one row each (scored or not). A child's rank is among
/// its siblings of the same level that have a score (1 = best, ties share a rank).
/// </summary>
public sealed record ChildrenResponse(
    string UnitCode,
    string UnitName,
    string Period,
    string PreviousPeriod,
    IReadOnlyList<ScoreRow> Rows);
