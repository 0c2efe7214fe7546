namespace Hub.Scoring.Engine;

/// <summary>
/// A row of own counts: a unit's dossiers of one procedure in one month; a delta row holds changes
/// to add. Units and procedures by their index in <see cref="OwnCountTally"/>, so that a million
/// dossiers are grouped without hashing their codes again for every month.
/// </summary>
internal readonly record struct OwnCountKey(int Unit, int Procedure, DateOnly Month, bool Delta);
