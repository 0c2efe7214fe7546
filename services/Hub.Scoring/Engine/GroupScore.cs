namespace Hub.Scoring.Engine;

public sealed record GroupScore(string Code, string Name, double Points, double MaxPoints, IReadOnlyList<CriterionScore> Criteria);
