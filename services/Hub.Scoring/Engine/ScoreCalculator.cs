using Hub.Scoring.Periods;
using Hub.Scoring.Rules;

namespace Hub.Scoring.Engine;

/// <summary>Turns a unit's counters into points under a rule set. Pure: no clock, no database.</summary>
public static class ScoreCalculator
{
    public static UnitScore Score(RuleSet ruleSet, string unitCode, string unitLevel, Period period, DateTimeOffset evaluatedAt, IReadOnlyDictionary<string, double> counters)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(counters);
        var rates = ruleSet.Criteria.Where(c => c.RateMultipliedBy is null)
            .ToDictionary(c => c.Code, c => RateOf(c, unitLevel, counters, null), StringComparer.Ordinal);
        var groups = ruleSet.Groups
            .Select(g => Group(g, unitLevel, counters, rates))
            .ToList();
        // Points are fractions such as 4 × 2/3: their binary sum can miss a total that is exact on paper
        // by 1e-14 (90 would read 89.99999999999999 and classify one band lower while shown as 90.00).
        // Rounding to 9 decimals drops that noise and nothing a score can show.
        var total = Math.Round(groups.Sum(g => g.Points), 9);
        var sorted = new SortedDictionary<string, double>(counters.ToDictionary(), StringComparer.Ordinal);
        return new UnitScore(unitCode, period.ToString(), ruleSet.Version, evaluatedAt, total, ruleSet.Classify(total).Code, groups, sorted);
    }

    private static GroupScore Group(RuleGroup group, string unitLevel, IReadOnlyDictionary<string, double> counters, IReadOnlyDictionary<string, double?> rates)
    {
        var criteria = group.Criteria.Select(c => Criterion(c, unitLevel, counters, rates)).ToList();
        return new GroupScore(group.Code, group.Name, criteria.Sum(c => c.Points), group.MaxPoints, criteria);
    }

    private static CriterionScore Criterion(RuleCriterion rule, string unitLevel, IReadOnlyDictionary<string, double> counters, IReadOnlyDictionary<string, double?> rates)
    {
        var numerator = counters.GetValueOrDefault(rule.Numerator);
        var denominator = counters.GetValueOrDefault(rule.Denominator);
        var applicable = rule.AppliesAt(unitLevel);
        var multiplier = rule.RateMultipliedBy is null ? (double?)null : rates.GetValueOrDefault(rule.RateMultipliedBy);
        var rate = RateOf(rule, unitLevel, counters, multiplier);
        return new CriterionScore(
            rule.Code, rule.Name, rule.Numerator, rule.Denominator, numerator, denominator, rate,
            PointsOf(rule, applicable, rate), rule.MaxPoints, rule.Threshold, applicable, rule.RateMultipliedBy, rule.Display);
    }

    /// <summary>
    /// numerator ÷ denominator (times the named criterion's rate, whose own empty denominator counts
    /// as a rate of 0); null when the denominator is empty or the criterion does not apply.
    /// </summary>
    private static double? RateOf(RuleCriterion rule, string unitLevel, IReadOnlyDictionary<string, double> counters, double? multiplier)
    {
        var denominator = counters.GetValueOrDefault(rule.Denominator);
        if (!rule.AppliesAt(unitLevel) || denominator <= 0)
        {
            return null;
        }
        var rate = counters.GetValueOrDefault(rule.Numerator) / denominator;
        if (rule.Display == CriterionDisplay.Percent)
        {
            rate = Math.Min(rate, 1);
        }
        return rule.RateMultipliedBy is null ? rate : rate * (multiplier ?? 0);
    }

    public static double PointsOf(RuleCriterion rule, bool applicable, double? rate)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!applicable)
        {
            return rule.MaxPoints;
        }
        if (rate is not { } r)
        {
            return rule.EmptyPoints;
        }
        return rule.Threshold is { } t
            ? (r >= t ? rule.MaxPoints : rule.MaxPoints * r / t)
            : rule.MaxPoints * r;
    }
}
