using Hub.Scoring.Rules;
using static Hub.Scoring.Tests.Rules.ShippedRuleSets;

namespace Hub.Scoring.Tests.Rules;

/// <summary>A rule set that cannot be scored is refused, naming what is wrong; the shipped ones pass.</summary>
public sealed class RuleSetValidatorTests
{
    [Fact]
    public void Both_shipped_rule_sets_load_and_validate()
    {
        Assert.Equal(["766-v1", "766-v2"], Versions.Select(v => v.Version).Order(StringComparer.Ordinal));
        foreach (var ruleSet in Versions)
        {
            Assert.Empty(RuleSetValidator.Validate(ruleSet));
            Assert.Equal(100, ruleSet.Groups.Sum(g => g.MaxPoints), 9);
            Assert.Equal(100, ruleSet.Criteria.Sum(c => c.MaxPoints), 9);
        }
        // v1 scores 21 criteria and shows 2; v2 folds the three online-service criteria into FULL_ONLINE.
        Assert.Equal(21, Version1.Criteria.Count(c => c.MaxPoints > 0));
        Assert.Equal(["AVG_TIME", "FEEDBACK_CLASSIFICATION"], Version1.Criteria.Where(c => c.MaxPoints == 0).Select(c => c.Code));
        Assert.Equal(19, Version2.Criteria.Count(c => c.MaxPoints > 0));
        Assert.Equal(12, Version2.Criterion("FULL_ONLINE").MaxPoints);
    }

    [Fact]
    public void Criteria_points_that_do_not_add_up_to_their_group_are_refused()
    {
        var errors = RuleSetValidator.Validate(Version1.WithCriterion("ON_TIME", c => c with { MaxPoints = 19 }));

        Assert.Contains(errors, e => e.Contains("group TDGQ", StringComparison.Ordinal) && e.Contains("19", StringComparison.Ordinal));
    }

    [Fact]
    public void Groups_that_do_not_add_up_to_a_hundred_are_refused()
    {
        var ruleSet = Version1.WithCriterion("ON_TIME", c => c with { MaxPoints = 21 }).WithGroup("TDGQ", g => g with { MaxPoints = 21 });

        var error = Assert.Single(RuleSetValidator.Validate(ruleSet));
        Assert.Contains("add up to 101, not 100", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_counter_the_engine_does_not_compute_is_refused()
    {
        var errors = RuleSetValidator.Validate(Version1.WithCriterion("ON_TIME", c => c with { Numerator = "dossiers_in_time" }));

        Assert.Equal("criterion ON_TIME: no counter is named 'dossiers_in_time'", Assert.Single(errors));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(80.0)]
    public void A_threshold_outside_zero_to_one_is_refused(double threshold)
    {
        var errors = RuleSetValidator.Validate(Version1.WithCriterion("ONLINE_PROVISION", c => c with { Threshold = threshold }));

        Assert.Contains("criterion ONLINE_PROVISION: threshold", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_threshold_of_one_is_accepted()
    {
        Assert.Empty(RuleSetValidator.Validate(Version1.WithCriterion("ONLINE_PROVISION", c => c with { Threshold = 1 })));
    }

    [Fact]
    public void An_unknown_level_is_refused()
    {
        var errors = RuleSetValidator.Validate(Version1.WithCriterion("POPULATION_DATA_DOSSIERS", c => c with { Levels = ["province", "district"] }));

        Assert.Equal("criterion POPULATION_DATA_DOSSIERS: unknown level 'district'", Assert.Single(errors));
    }

    [Fact]
    public void A_criterion_that_applies_at_no_level_is_refused()
    {
        var errors = RuleSetValidator.Validate(Version1.WithCriterion("REUSE", c => c with { Levels = [] }));

        Assert.Contains("it applies at no level", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_multiplier_naming_no_criterion_is_refused()
    {
        var errors = RuleSetValidator.Validate(Version1.WithCriterion("ONLINE_SUBMISSION", c => c with { RateMultipliedBy = "DOSSIER_SYNCED" }));

        Assert.Contains("rateMultipliedBy names 'DOSSIER_SYNCED'", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_multiplier_that_is_itself_multiplied_is_refused()
    {
        // DOSSIER_SYNC × ON_TIME, and ONLINE_SUBMISSION × DOSSIER_SYNC: a chain, which the calculator does not resolve.
        var errors = RuleSetValidator.Validate(Version1.WithCriterion("DOSSIER_SYNC", c => c with { RateMultipliedBy = "ON_TIME" }));

        Assert.Contains("criterion ONLINE_SUBMISSION: rateMultipliedBy names 'DOSSIER_SYNC'", Assert.Single(errors), StringComparison.Ordinal);
        Assert.NotEmpty(RuleSetValidator.Validate(Version1.WithCriterion("ONLINE_SUBMISSION", c => c with { RateMultipliedBy = "ONLINE_SUBMISSION" })));
    }

    [Fact]
    public void An_empty_value_above_the_maximum_is_refused()
    {
        var errors = RuleSetValidator.Validate(Version1.WithCriterion("FEEDBACK_ON_TIME", c => c with { EmptyPoints = 7 }));

        Assert.Contains("emptyPoints 7 is not between 0 and its maximum", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_used_twice_is_refused()
    {
        var errors = RuleSetValidator.Validate(Version1.WithCriterion("REUSE", c => c with { Code = "PERSONAL_STORE" }));

        Assert.Contains("the code PERSONAL_STORE is used more than once", errors);
    }

    [Fact]
    public void Bands_without_one_starting_at_zero_are_refused()
    {
        var errors = RuleSetValidator.Validate(Version1 with { Classification = Version1.Classification.Where(b => b.MinTotal > 0).ToList() });

        Assert.Contains("no band starts at 0", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_display_is_refused()
    {
        var errors = RuleSetValidator.Validate(Version1.WithCriterion("AVG_TIME", c => c with { Display = "hours" }));

        Assert.Contains("display 'hours'", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void The_loader_names_the_file_it_refuses()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "RuleSets", "766-v1.json"))
            .Replace("\"maxPoints\": 20,", "\"maxPoints\": 25,", StringComparison.Ordinal);

        var refused = Assert.Throws<InvalidDataException>(() => RuleSetLoader.Parse(json, "766-v9.json"));
        Assert.StartsWith("766-v9.json: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("group TDGQ", refused.Message, StringComparison.Ordinal);

        var malformed = Assert.Throws<InvalidDataException>(() => RuleSetLoader.Parse("{ \"version\": ", "broken.json"));
        Assert.StartsWith("broken.json: not a rule set", malformed.Message, StringComparison.Ordinal);
    }
}
