namespace Hub.Scoring.Api;

/// <summary>
/// A level's ranking for a period. Ranks are over every scored unit of the level (1 = best, ties
/// share a rank); <c>rows</c> holds the units the caller may read, <c>rankedUnits</c> how many were ranked.
/// </summary>
public sealed record RankingResponse(
    string Level,
    string Period,
    string PreviousPeriod,
    int RankedUnits,
    IReadOnlyList<ScoreRow> Rows);
