namespace Hub.Scoring.Engine;

/// <summary>
/// One criterion's result: its counters, rate (null when the denominator is empty or the criterion
/// does not apply), points, and the rule that produced them, so a score explains itself.
/// </summary>
public sealed record CriterionScore(
    string Code,
    string Name,
    string Numerator,
    string Denominator,
    double NumeratorValue,
    double DenominatorValue,
    double? Rate,
    double Points,
    double MaxPoints,
    double? Threshold,
    bool Applicable,
    string? RateMultipliedBy,
    string Display);
