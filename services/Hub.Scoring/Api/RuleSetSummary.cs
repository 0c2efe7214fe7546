namespace Hub.Scoring.Api;

/// <summary>A shipped rule-set version; <c>inForceFrom</c> lists the schedule entries that name it.</summary>
public sealed record RuleSetSummary(
    string Version,
    string Title,
    string? Notes,
    int Groups,
    int Criteria,
    IReadOnlyList<DateOnly> InForceFrom);
