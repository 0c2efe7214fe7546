namespace Hub.Scoring.Api;

/// <summary>
/// One unit's line in a ranking or a drill-down. Totals and points are shown to 2 decimals; groups
/// map each group code to its points, in the rule set's order. Score fields are null for a child
/// unit with no score yet. <c>change</c> is <c>total − previousTotal</c> (null without a previous score).
/// </summary>
public sealed record ScoreRow(
    int? Rank,
    string UnitCode,
    string UnitName,
    string UnitLevel,
    double? Total,
    string? Classification,
    string? ClassificationName,
    IReadOnlyDictionary<string, double>? Groups,
    double? PreviousTotal,
    double? Change,
    string? RuleSetVersion,
    DateTimeOffset? ComputedAt);
