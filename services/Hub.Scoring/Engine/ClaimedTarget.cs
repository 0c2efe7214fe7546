namespace Hub.Scoring.Engine;

/// <summary>
/// A dirty target this replica claimed, with the mark it saw and, when the mark asks for its
/// month's own counts to be counted again from the facts, that request (see <see cref="DirtyTargets"/>).
/// </summary>
public readonly record struct ClaimedTarget(ScoreTarget Target, long MarkedSeq, long? RecountSeq = null);
