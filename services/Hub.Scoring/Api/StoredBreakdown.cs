using Hub.Scoring.Engine;

namespace Hub.Scoring.Api;

/// <summary>A unit's current snapshot for a period.</summary>
public sealed record StoredBreakdown(long SnapshotId, DateTimeOffset ComputedAt, UnitScore Score);
