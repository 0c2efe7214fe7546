namespace Hub.Scoring.Rules;

/// <summary>From which local day a rule-set version is in force (configuration "Scoring:RuleSets").</summary>
public sealed record RuleSetSchedule(DateOnly From, string Version);
