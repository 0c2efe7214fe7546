namespace Hub.Scoring.Rules;

/// <summary>
/// One version of the index's rules, read from a file in RuleSets/: the groups, their criteria and
/// the classification bands. The rules are data because the Government Office adjusts them.
/// </summary>
public sealed record RuleSet(
    string Version,
    string Title,
    string? Notes,
    IReadOnlyList<ClassificationBand> Classification,
    IReadOnlyList<RuleGroup> Groups)
{
    public IEnumerable<RuleCriterion> Criteria => Groups.SelectMany(g => g.Criteria);

    /// <summary>The band a total falls in: the first whose minimum it reaches (bands run from the top).</summary>
    public ClassificationBand Classify(double total) =>
        Classification.OrderByDescending(b => b.MinTotal).First(b => total >= b.MinTotal);
}
