using Hub.Scoring.Engine;
using Hub.Scoring.Rules;

namespace Hub.Scoring.Tests.Rules;

/// <summary>The rule sets the service ships (copied next to the tests), and counters to score them with.</summary>
internal static class ShippedRuleSets
{
    private static readonly Lazy<IReadOnlyList<RuleSet>> All = new(() => RuleSetLoader.LoadFolder(Path.Combine(AppContext.BaseDirectory, "RuleSets")));

    public static RuleSet Version1 => All.Value.Single(r => r.Version == "766-v1");

    public static RuleSet Version2 => All.Value.Single(r => r.Version == "766-v2");

    public static IReadOnlyList<RuleSet> Versions => All.Value;

    /// <summary>Every counter at 10 000: every rate is 1 and every scored criterion earns its maximum.</summary>
    public static Dictionary<string, double> Perfect(params (string Counter, double Value)[] changes)
    {
        var counters = Counters.All.ToDictionary(c => c, _ => 10_000.0, StringComparer.Ordinal);
        foreach (var (counter, value) in changes)
        {
            Assert.Contains(counter, Counters.All);
            counters[counter] = value;
        }
        return counters;
    }

    /// <summary>A copy of the rule set with one criterion replaced.</summary>
    public static RuleSet WithCriterion(this RuleSet ruleSet, string code, Func<RuleCriterion, RuleCriterion> change) =>
        ruleSet with
        {
            Groups = ruleSet.Groups
                .Select(g => g with { Criteria = g.Criteria.Select(c => c.Code == code ? change(c) : c).ToList() })
                .ToList(),
        };

    /// <summary>A copy of the rule set with one group replaced.</summary>
    public static RuleSet WithGroup(this RuleSet ruleSet, string code, Func<RuleGroup, RuleGroup> change) =>
        ruleSet with { Groups = ruleSet.Groups.Select(g => g.Code == code ? change(g) : g).ToList() };

    public static RuleCriterion Criterion(this RuleSet ruleSet, string code) => ruleSet.Criteria.Single(c => c.Code == code);
}
