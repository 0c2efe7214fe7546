namespace Hub.Scoring.Api;

public sealed record SnapshotEntry(
    long SnapshotId,
    DateTimeOffset ComputedAt,
    DateTimeOffset EvaluatedAt,
    double Total,
    string Classification,
    string RuleSetVersion,
    bool Current);
