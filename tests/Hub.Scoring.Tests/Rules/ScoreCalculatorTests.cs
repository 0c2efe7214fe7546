using Hub.Scoring.Engine;
using Hub.Scoring.Periods;
using Hub.Scoring.Tests.Infrastructure;
using Hub.Scoring.Units;
using static Hub.Scoring.Tests.Rules.ShippedRuleSets;

namespace Hub.Scoring.Tests.Rules;

/// <summary>Counters to points under the shipped rule sets: pure arithmetic, no server.</summary>
public sealed class ScoreCalculatorTests
{
    private static readonly Period March = Period.Parse("2026-03");
    private static readonly DateTimeOffset Evaluated = March.To;

    private static UnitScore Score(Dictionary<string, double> counters, string level = UnitLevels.Province) =>
        ScoreCalculator.Score(Version1, "79", level, March, Evaluated, counters);

    [Fact]
    public void Every_rate_at_one_gives_a_hundred_and_shown_criteria_give_nothing()
    {
        var score = Score(Perfect());

        Assert.Equal(100, score.Total, 9);
        Assert.Equal("EXCELLENT", score.Classification);
        Assert.Equal("766-v1", score.RuleSetVersion);
        Assert.Equal("2026-03", score.Period);
        Assert.Equal(0, score.Criterion("AVG_TIME").Points);
        Assert.Equal(0, score.Criterion("FEEDBACK_CLASSIFICATION").Points);
        // Every group earns its maximum, and the total is the sum of the groups.
        Assert.All(score.Groups, g => Assert.Equal(g.MaxPoints, g.Points, 9));
        Assert.Equal(new[] { 18.0, 20, 12, 10, 22, 18 }, score.Groups.Select(g => g.MaxPoints));
    }

    [Theory]
    // ONLINE_PROVISION: 2 points, threshold 80 %: below it max × rate ÷ t, at or above it the maximum.
    [InlineData("ONLINE_PROVISION", 7, 10, 1.75)]   // 2 × 0.7 ÷ 0.8
    [InlineData("ONLINE_PROVISION", 8, 10, 2.0)]    // at the threshold
    [InlineData("ONLINE_PROVISION", 9, 10, 2.0)]    // above it
    // DOSSIER_SATISFACTION: 6 points, threshold 90 %.
    [InlineData("DOSSIER_SATISFACTION", 8, 10, 5.333333333)] // 6 × 0.8 ÷ 0.9
    [InlineData("DOSSIER_SATISFACTION", 9, 10, 6.0)]
    // ON_TIME: 20 points, no threshold: max × rate.
    [InlineData("ON_TIME", 3, 4, 15.0)]
    [InlineData("ON_TIME", 0, 4, 0.0)]
    public void Points_follow_the_threshold_rule(string code, double numerator, double denominator, double points)
    {
        var rule = Version1.Criterion(code);

        Assert.Equal(points, ScoreCalculator.PointsOf(rule, applicable: true, numerator / denominator), 6);
    }

    [Fact]
    public void An_empty_denominator_gives_the_criterions_empty_value()
    {
        // Nothing at all: every denominator is 0.
        var score = Score(Counters.All.ToDictionary(c => c, _ => 0.0, StringComparer.Ordinal));

        // FEEDBACK_ON_TIME and FEEDBACK_SATISFACTION are worth 6 when there was no feedback; the rest 0.
        Assert.Null(score.Criterion("FEEDBACK_ON_TIME").Rate);
        Assert.Equal(6, score.Criterion("FEEDBACK_ON_TIME").Points);
        Assert.Equal(6, score.Criterion("FEEDBACK_SATISFACTION").Points);
        Assert.Null(score.Criterion("ON_TIME").Rate);
        Assert.Equal(0, score.Criterion("ON_TIME").Points);
        Assert.Equal(0, score.Criterion("DOSSIER_SATISFACTION").Points);
        Assert.Equal(12, score.Total, 9);
        Assert.Equal("WEAK", score.Classification);
    }

    [Fact]
    public void Criteria_that_do_not_apply_at_a_level_give_full_points()
    {
        // Nothing at all, at a commune: the province-only and publication criteria give their maximum
        // (PUBLISH_ON_TIME 6, PUBLIC_UPDATE_ON_TIME 4, PUBLIC_CONTENT_FULL 2, POPULATION_DATA_* 2 + 2),
        // the feedback criteria their empty value (6 + 6): 16 + 12 = 28.
        var score = Score(Counters.All.ToDictionary(c => c, _ => 0.0, StringComparer.Ordinal), UnitLevels.Commune);

        foreach (var (code, max) in new[] { ("PUBLISH_ON_TIME", 6.0), ("PUBLIC_UPDATE_ON_TIME", 4), ("PUBLIC_CONTENT_FULL", 2), ("POPULATION_DATA_PROCEDURES", 2), ("POPULATION_DATA_DOSSIERS", 2) })
        {
            var criterion = score.Criterion(code);
            Assert.False(criterion.Applicable, code);
            Assert.Null(criterion.Rate);
            Assert.Equal(max, criterion.Points);
        }
        Assert.True(score.Criterion("DOSSIER_SYNC").Applicable);
        Assert.Equal(28, score.Total, 9);

        // At national level PUBLIC_UPDATE_ON_TIME (ministry and province only) and POPULATION_DATA_* do not apply either.
        var national = Score(Perfect((Counters.ProceduresMadePublicOnTime, 0), (Counters.DossiersPopulationData, 0)), UnitLevels.National);
        Assert.False(national.Criterion("PUBLIC_UPDATE_ON_TIME").Applicable);
        Assert.Equal(4, national.Criterion("PUBLIC_UPDATE_ON_TIME").Points);
        Assert.Equal(2, national.Criterion("POPULATION_DATA_DOSSIERS").Points);
        Assert.Equal(100, national.Total, 9);
    }

    [Fact]
    public void Online_submission_is_multiplied_by_the_dossier_sync_rate_before_its_threshold()
    {
        // 4 online of 10 received; the unit declared 16 received, so DOSSIER_SYNC = 10 ÷ 16 = 0.625 → 6 × 0.625 = 3.75.
        // ONLINE_SUBMISSION rate = 0.4 × 0.625 = 0.25 < 0.5 → 6 × 0.25 ÷ 0.5 = 3.
        var score = Score(Perfect((Counters.DossiersOnline, 4), (Counters.DossiersReceived, 10), (Counters.DossiersSyncBase, 16)));

        Assert.Equal(0.625, score.Criterion("DOSSIER_SYNC").Rate!.Value, 9);
        Assert.Equal(3.75, score.Criterion("DOSSIER_SYNC").Points, 9);
        var submission = score.Criterion("ONLINE_SUBMISSION");
        Assert.Equal("DOSSIER_SYNC", submission.RateMultipliedBy);
        Assert.Equal(0.25, submission.Rate!.Value, 9);
        Assert.Equal(3, submission.Points, 9);

        // Without the declared total the rate is 0.4 → 6 × 0.4 ÷ 0.5 = 4.8.
        var synced = Score(Perfect((Counters.DossiersOnline, 4), (Counters.DossiersReceived, 10), (Counters.DossiersSyncBase, 10)));
        Assert.Equal(4.8, synced.Criterion("ONLINE_SUBMISSION").Points, 9);
    }

    [Fact]
    public void Shares_are_capped_at_one_but_averages_are_not()
    {
        // 12 "on time" of 10 handled reads as 100 %; 504 hours over 5 finished dossiers is an average of 100.8 hours.
        var score = Score(Perfect((Counters.DossiersOnTime, 12), (Counters.DossiersHandled, 10), (Counters.DossiersSatisfactory, 10),
            (Counters.HandlingHoursTotal, 504), (Counters.DossiersFinished, 5)));

        Assert.Equal(1, score.Criterion("ON_TIME").Rate);
        Assert.Equal(20, score.Criterion("ON_TIME").Points);
        Assert.Equal(100.8, score.Criterion("AVG_TIME").Rate!.Value, 9);
        Assert.Equal("average", score.Criterion("AVG_TIME").Display);
        Assert.Equal(0, score.Criterion("AVG_TIME").Points);
    }

    public static TheoryData<string, double, string, (string, double)[]> Boundaries => new()
    {
        // Everything at its maximum but what is listed (every counter 10 000).
        { "100", 100, "EXCELLENT", [] },
        // ON_TIME 20 × 0.5 = 10: 100 − 10 = 90.
        { "90", 90, "EXCELLENT", [(Counters.DossiersOnTime, 5_000)] },
        // ON_TIME 20 × 0.4995 = 9.99: 89.99.
        { "89.99", 89.99, "GOOD", [(Counters.DossiersOnTime, 4_995)] },
        // ON_TIME 0: 80.
        { "80", 80, "GOOD", [(Counters.DossiersOnTime, 0)] },
        // ON_TIME 0, PERSONAL_STORE 4 × 0.9975 = 3.99: 79.99.
        { "79.99", 79.99, "FAIR", [(Counters.DossiersOnTime, 0), (Counters.DossiersPersonalStore, 9_975)] },
        // ON_TIME 10 (−10), FEEDBACK_SATISFACTION (−6), FEEDBACK_ON_TIME (−6), PERSONAL_STORE (−4), REUSE (−2), CERTIFIED_COPY (−2): 70.
        { "70", 70, "FAIR", [(Counters.DossiersOnTime, 5_000), (Counters.FeedbackSatisfactory, 0), (Counters.FeedbackOnTime, 0),
            (Counters.DossiersPersonalStore, 0), (Counters.DossiersReusingData, 0), (Counters.CommunesWithCertifiedCopies, 0)] },
        // As 70 with ON_TIME 9.99: 69.99.
        { "69.99", 69.99, "AVERAGE", [(Counters.DossiersOnTime, 4_995), (Counters.FeedbackSatisfactory, 0), (Counters.FeedbackOnTime, 0),
            (Counters.DossiersPersonalStore, 0), (Counters.DossiersReusingData, 0), (Counters.CommunesWithCertifiedCopies, 0)] },
        // ON_TIME 20 × 0.1 = 2 (−18), the five above (−20), ELECTRONIC_RESULT (−6), ONLINE_PAID_DOSSIERS (−6): 50.
        { "50", 50, "AVERAGE", [(Counters.DossiersOnTime, 1_000), (Counters.FeedbackSatisfactory, 0), (Counters.FeedbackOnTime, 0),
            (Counters.DossiersPersonalStore, 0), (Counters.DossiersReusingData, 0), (Counters.CommunesWithCertifiedCopies, 0),
            (Counters.PaperResultDossiersElectronic, 0), (Counters.DossiersPaidOnline, 0)] },
        // As 50 with ON_TIME 20 × 0.0995 = 1.99: 49.99.
        { "49.99", 49.99, "WEAK", [(Counters.DossiersOnTime, 995), (Counters.FeedbackSatisfactory, 0), (Counters.FeedbackOnTime, 0),
            (Counters.DossiersPersonalStore, 0), (Counters.DossiersReusingData, 0), (Counters.CommunesWithCertifiedCopies, 0),
            (Counters.PaperResultDossiersElectronic, 0), (Counters.DossiersPaidOnline, 0)] },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Totals_on_and_around_the_band_boundaries_classify_as_the_decision_says(string name, double total, string classification, (string, double)[] changes)
    {
        var score = Score(Perfect(changes));

        Assert.True(Math.Abs(total - score.Total) < 1e-9, $"{name}: total {score.Total}");
        Assert.Equal(classification, score.Classification);
    }

    [Theory]
    [InlineData(100, "EXCELLENT")]
    [InlineData(90, "EXCELLENT")]
    [InlineData(89.99, "GOOD")]
    [InlineData(80, "GOOD")]
    [InlineData(79.99, "FAIR")]
    [InlineData(70, "FAIR")]
    [InlineData(69.99, "AVERAGE")]
    [InlineData(50, "AVERAGE")]
    [InlineData(49.99, "WEAK")]
    [InlineData(0, "WEAK")]
    public void The_shipped_bands_classify_totals(double total, string classification)
    {
        Assert.Equal(classification, Version1.Classify(total).Code);
        Assert.Equal(classification, Version2.Classify(total).Code);
    }

    [Fact]
    public void A_total_of_exactly_ninety_on_paper_is_excellent_despite_floating_point_noise()
    {
        // A province published 3 procedures, none on time (PUBLISH_ON_TIME 0 of 6), 2 of them made
        // public on time (4 × 2/3 = 2.667 of 4), and handled 5 of 9 feedback on time (6 × 5/9 = 3.333 of 6):
        // 100 − 6 − 1.333… − 2.666… = 90 exactly, shown as 90.00. Summed in binary floating point the
        // points come to 89.99999999999999, which must not drop the province to GOOD.
        var score = Score(Perfect(
            (Counters.ProceduresPublished, 3), (Counters.ProceduresPublishedOnTime, 0), (Counters.ProceduresMadePublicOnTime, 2),
            (Counters.ProceduresContentFull, 3), (Counters.FeedbackInScope, 9), (Counters.FeedbackOnTime, 5)));

        Assert.Equal(90, score.Total, 9);
        Assert.Equal("EXCELLENT", score.Classification);
    }

    [Fact]
    public void The_alternative_rule_set_gives_the_online_group_to_full_online_dossiers()
    {
        // 766-v2: FULL_ONLINE (12 points, no threshold): 3 full-online dossiers of 6 of eligible procedures → 12 × 0.5 = 6.
        var score = ScoreCalculator.Score(Version2, "26734", UnitLevels.Commune, March, Evaluated,
            Perfect((Counters.DossiersFullOnline, 3), (Counters.DossiersFullOnlineEligible, 6)));

        Assert.Equal("766-v2", score.RuleSetVersion);
        var group = score.Groups.Single(g => g.Code == "CLGQ");
        Assert.Equal("FULL_ONLINE", Assert.Single(group.Criteria).Code);
        Assert.Equal(6, group.Points, 9);
        Assert.Equal(12, group.MaxPoints);
        Assert.Equal(94, score.Total, 9);
    }
}
