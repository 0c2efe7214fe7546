namespace Hub.Scoring.Api;

public sealed record HistoryPoint(
    string Period,
    double? Total,
    string? Classification,
    string? RuleSetVersion,
    long? SnapshotId,
    DateTimeOffset? ComputedAt);
