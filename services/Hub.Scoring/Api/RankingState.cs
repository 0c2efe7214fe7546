namespace Hub.Scoring.Api;

/// <summary>
/// What a level's ranking for a period depends on, in four numbers: how many units have a score for
/// the period and for the previous one, and the newest snapshot of each.
/// </summary>
public sealed record RankingState(long Scored, long NewestSnapshot, long PreviousScored, long PreviousNewestSnapshot);
