using System.Globalization;
using Hub.Scoring.Engine;
using Hub.Scoring.Units;

namespace Hub.Scoring.Rules;

/// <summary>
/// Refuses a rule set that cannot be scored: points that do not add up to 100, a counter the engine
/// does not compute, a threshold or empty value out of range, an unknown level or a missing band.
/// </summary>
public static class RuleSetValidator
{
    private const double Tolerance = 1e-9;

    public static IReadOnlyList<string> Validate(RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ruleSet.Version))
        {
            errors.Add("version is required");
        }
        CheckTotals(ruleSet, errors);
        CheckCodesAreUnique(ruleSet, errors);
        foreach (var criterion in ruleSet.Criteria)
        {
            CheckCriterion(ruleSet, criterion, errors);
        }
        CheckClassification(ruleSet, errors);
        return errors;
    }

    private static void CheckTotals(RuleSet ruleSet, List<string> errors)
    {
        var total = ruleSet.Groups.Sum(g => g.MaxPoints);
        if (Math.Abs(total - 100) > Tolerance)
        {
            errors.Add(Format($"the groups' points add up to {total}, not 100"));
        }
        foreach (var group in ruleSet.Groups)
        {
            var criteria = group.Criteria.Sum(c => c.MaxPoints);
            if (Math.Abs(criteria - group.MaxPoints) > Tolerance)
            {
                errors.Add(Format($"group {group.Code}: its criteria add up to {criteria}, not its {group.MaxPoints}"));
            }
        }
    }

    private static void CheckCodesAreUnique(RuleSet ruleSet, List<string> errors)
    {
        var duplicates = ruleSet.Groups.Select(g => g.Code).Concat(ruleSet.Criteria.Select(c => c.Code))
            .GroupBy(code => code, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
        errors.AddRange(duplicates.Select(code => $"the code {code} is used more than once"));
    }

    private static void CheckCriterion(RuleSet ruleSet, RuleCriterion criterion, List<string> errors)
    {
        var name = $"criterion {criterion.Code}";
        foreach (var counter in new[] { criterion.Numerator, criterion.Denominator })
        {
            if (!Counters.All.Contains(counter))
            {
                errors.Add($"{name}: no counter is named '{counter}'");
            }
        }
        if (criterion.MaxPoints < 0)
        {
            errors.Add($"{name}: maxPoints is negative");
        }
        if (criterion.Threshold is { } threshold && threshold is <= 0 or > 1)
        {
            errors.Add(Format($"{name}: threshold {threshold} is not in (0, 1]"));
        }
        if (criterion.EmptyPoints < 0 || criterion.EmptyPoints > criterion.MaxPoints)
        {
            errors.Add(Format($"{name}: emptyPoints {criterion.EmptyPoints} is not between 0 and its maximum"));
        }
        if (criterion.Levels.Count == 0)
        {
            errors.Add($"{name}: it applies at no level");
        }
        errors.AddRange(criterion.Levels.Where(l => !UnitLevels.All.Contains(l)).Select(l => $"{name}: unknown level '{l}'"));
        if (criterion.RateMultipliedBy is { } other && !ruleSet.Criteria.Any(c => c.Code == other && c.RateMultipliedBy is null))
        {
            errors.Add($"{name}: rateMultipliedBy names '{other}', which is not a criterion without a multiplier of its own");
        }
        if (criterion.Display is not (CriterionDisplay.Percent or CriterionDisplay.Average))
        {
            errors.Add($"{name}: display '{criterion.Display}' is neither percent nor average");
        }
    }

    private static void CheckClassification(RuleSet ruleSet, List<string> errors)
    {
        if (!ruleSet.Classification.Any(b => b.MinTotal <= 0))
        {
            errors.Add("classification: no band starts at 0, so a low total would have none");
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
