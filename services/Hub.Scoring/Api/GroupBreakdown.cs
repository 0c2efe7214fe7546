namespace Hub.Scoring.Api;

public sealed record GroupBreakdown(
    string Code,
    string Name,
    double Points,
    double MaxPoints,
    IReadOnlyList<CriterionBreakdown> Criteria);
