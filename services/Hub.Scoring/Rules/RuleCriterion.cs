namespace Hub.Scoring.Rules;

/// <summary>
/// A criterion: rate = numerator ÷ denominator (two named counters), optionally multiplied by the
/// rate of another criterion; points = max × rate, or with a threshold t, max once rate ≥ t and
/// max × rate ÷ t below it. An empty denominator gives <paramref name="EmptyPoints"/>; at a level
/// not listed in <paramref name="Levels"/> the criterion does not apply and gives full points.
/// A criterion with no points is shown, not scored.
/// </summary>
public sealed record RuleCriterion(
    string Code,
    string Name,
    double MaxPoints,
    string Numerator,
    string Denominator,
    double? Threshold,
    double EmptyPoints,
    IReadOnlyList<string> Levels,
    string? RateMultipliedBy = null,
    string Display = CriterionDisplay.Percent)
{
    public bool AppliesAt(string level) => Levels.Contains(level, StringComparer.Ordinal);
}
