namespace Hub.Scoring.Api;

/// <summary>
/// A criterion's figures: <c>rate = numerator ÷ denominator</c> (null when the denominator is empty
/// or the criterion does not apply at the unit's level), the points it gave out of <c>maxPoints</c>,
/// and the threshold at or above which it gives full points. The counters' names say what was counted.
/// </summary>
public sealed record CriterionBreakdown(
    string Code,
    string Name,
    double Numerator,
    double Denominator,
    double? Rate,
    double Points,
    double MaxPoints,
    double? Threshold,
    bool Applicable,
    string NumeratorCounter,
    string DenominatorCounter,
    string? RateMultipliedBy,
    string Display);
