namespace Hub.Scoring.Api;

/// <summary>The stored snapshots of one unit and period, newest first; the first is the current score.</summary>
public sealed record SnapshotsResponse(
    string UnitCode,
    string UnitName,
    string Period,
    IReadOnlyList<SnapshotEntry> Snapshots);
