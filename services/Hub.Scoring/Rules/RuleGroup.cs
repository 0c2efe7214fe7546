namespace Hub.Scoring.Rules;

public sealed record RuleGroup(string Code, string Name, double MaxPoints, IReadOnlyList<RuleCriterion> Criteria);
