using Hub.Scoring.Rules;

namespace Hub.Scoring.Api;

/// <summary>A rule set as shipped: classification bands, groups and their criteria.</summary>
public sealed record RuleSetResponse(
    string Version,
    string Title,
    string? Notes,
    IReadOnlyList<ClassificationBand> Classification,
    IReadOnlyList<RuleGroup> Groups,
    IReadOnlyList<DateOnly> InForceFrom);
