using Hub.Scoring.Periods;

namespace Hub.Scoring.Engine;

/// <summary>A unit and a period to score.</summary>
public readonly record struct ScoreTarget(string UnitCode, Period Period);
