namespace Hub.Scoring.Api;

/// <summary>
/// A current score as the reader returns it: the figures rankings and drill-downs show, its
/// snapshot id (which changes whenever the score does) and the previous period's, for ETags.
/// Group codes and points are in the rule set's order.
/// </summary>
public sealed record StoredScore(
    int Rank,
    string UnitCode,
    double Total,
    string Classification,
    string RuleSetVersion,
    DateTimeOffset ComputedAt,
    long SnapshotId,
    double? PreviousTotal,
    long? PreviousSnapshotId,
    IReadOnlyList<string> GroupCodes,
    IReadOnlyList<double> GroupPoints);
