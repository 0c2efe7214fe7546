namespace Hub.Scoring.Engine;

/// <summary>
/// A unit's score for a period under one rule-set version: the total (sum of unrounded points),
/// its classification, every group and criterion, and the counters it was computed from.
/// </summary>
public sealed record UnitScore(
    string UnitCode,
    string Period,
    string RuleSetVersion,
    DateTimeOffset EvaluatedAt,
    double Total,
    string Classification,
    IReadOnlyList<GroupScore> Groups,
    IReadOnlyDictionary<string, double> Counters);
