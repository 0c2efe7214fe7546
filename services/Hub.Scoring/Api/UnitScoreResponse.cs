namespace Hub.Scoring.Api;

/// <summary>One unit's current score for a period, group by group and criterion by criterion.</summary>
public sealed record UnitScoreResponse(
    string UnitCode,
    string UnitName,
    string UnitLevel,
    string Period,
    string RuleSetVersion,
    double Total,
    string Classification,
    string? ClassificationName,
    long SnapshotId,
    DateTimeOffset ComputedAt,
    DateTimeOffset EvaluatedAt,
    IReadOnlyList<GroupBreakdown> Groups);
