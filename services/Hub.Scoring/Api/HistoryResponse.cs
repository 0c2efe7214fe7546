namespace Hub.Scoring.Api;

/// <summary>A unit's current totals, one point per period from <c>from</c> to <c>to</c> (null where it has no score).</summary>
public sealed record HistoryResponse(
    string UnitCode,
    string UnitName,
    string Kind,
    string From,
    string To,
    IReadOnlyList<HistoryPoint> Points);
