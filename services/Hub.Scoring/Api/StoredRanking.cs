namespace Hub.Scoring.Api;

/// <summary>A level's ranking: the rows the caller may read, how many units were ranked, and a version of everything the ranking depends on.</summary>
public sealed record StoredRanking(string Version, int RankedUnits, IReadOnlyList<StoredScore> Rows);
