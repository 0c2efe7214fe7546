namespace Hub.Scoring.Engine;

/// <summary>A dirty target this replica claimed, with the mark it saw.</summary>
public readonly record struct ClaimedTarget(ScoreTarget Target, long MarkedSeq);
