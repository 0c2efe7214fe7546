namespace Hub.Scoring.Engine;

/// <summary>A target's freshly computed score, with the dirty mark it answers.</summary>
public sealed record ScoredTarget(ScoreTarget Target, string UnitLevel, UnitScore Score, long MarkedSeq);
