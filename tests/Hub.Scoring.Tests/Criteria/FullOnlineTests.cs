using Hub.Scoring.Tests.Infrastructure;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Criteria;

/// <summary>
/// The service with the disputed alternative in force from April 2026: 766-v1 before, 766-v2 from
/// 1 April, whose online-service group is the single FULL_ONLINE criterion (12 points, no threshold).
/// </summary>
public sealed class RuleSetScheduleFixture : ScoringHost
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Scoring:RuleSets:0:From"] = "2000-01-01",
        ["Scoring:RuleSets:0:Version"] = "766-v1",
        ["Scoring:RuleSets:1:From"] = "2026-04-01",
        ["Scoring:RuleSets:1:Version"] = "766-v2",
    };
}

/// <summary>766-v2 / FULL_ONLINE: full-online dossiers ÷ dossiers of procedures eligible for full online service.</summary>
public sealed class FullOnlineTests(RuleSetScheduleFixture fixture) : IClassFixture<RuleSetScheduleFixture>
{
    [Fact]
    public async Task Full_online_dossiers_are_a_share_of_the_dossiers_of_eligible_procedures()
    {
        // Commune 26734's catalogue: E1 eligible and offered fully online (level 3); E2 eligible but only
        // partially online (level 2); N1 neither; X1 offered at level 3 though not eligible.
        await fixture.Facts.WriteAsync(
            Procedure("8.000001", "26734").OnlineLevel(3) with { FullOnlineEligible = true },
            Procedure("8.000002", "26734").OnlineLevel(2) with { FullOnlineEligible = true },
            Procedure("8.000003", "26734").OnlineLevel(2),
            Procedure("8.000004", "26734").OnlineLevel(3));
        // April 2026 (766-v2): E1 3 online + 1 at the counter; E2 2 online; N1 2 online; X1 1 online.
        // March 2026 (766-v1): E1 2 online.
        var apr6 = Local(2026, 4, 6);
        await fixture.Facts.WriteAsync(Enumerable.Range(1, 3).Select(i => Dossier($"FO-E{i}", unit: "26734", procedure: "8.000001", received: apr6).Online())
            .Append(Dossier("FO-E4", unit: "26734", procedure: "8.000001", received: apr6))
            .Concat(Enumerable.Range(1, 2).Select(i => Dossier($"FO-P{i}", unit: "26734", procedure: "8.000002", received: apr6).Online()))
            .Concat(Enumerable.Range(1, 2).Select(i => Dossier($"FO-N{i}", unit: "26734", procedure: "8.000003", received: apr6).Online()))
            .Append(Dossier("FO-X1", unit: "26734", procedure: "8.000004", received: apr6).Online())
            .Concat(Enumerable.Range(1, 2).Select(i => Dossier($"FO-M{i}", unit: "26734", procedure: "8.000001", received: Local(2026, 3, 2)).Online()))
            .ToArray());
        await fixture.SettleAsync();

        var april = await fixture.ScoreAsync("26734", "2026-04");

        Assert.NotNull(april);
        Assert.Equal("766-v2", april.RuleSetVersion);
        // Eligible: E1's 4 and E2's 2 = 6. Full online: E1's 3 online (E2 is only partially online; X1 is
        // not eligible, so its dossier is in neither count) → 12 × 3/6 = 6.
        CriterionAssert.Scored(april, "FULL_ONLINE", 3, 6, 6);
        Assert.Equal(12, april.Groups.Single(g => g.Code == "CLGQ").MaxPoints);
        Assert.DoesNotContain(april.Groups.SelectMany(g => g.Criteria), c => c.Code == "ONLINE_SUBMISSION");

        // The second quarter starts on 1 April: 766-v2 as well. March and the year 2026 (from 1 January): 766-v1.
        Assert.Equal("766-v2", (await fixture.ScoreAsync("26734", "2026-Q2"))!.RuleSetVersion);
        var march = await fixture.ScoreAsync("26734", "2026-03");
        Assert.NotNull(march);
        Assert.Equal("766-v1", march.RuleSetVersion);
        Assert.DoesNotContain(march.Groups.SelectMany(g => g.Criteria), c => c.Code == "FULL_ONLINE");
        CriterionAssert.Scored(march, "ONLINE_SUBMISSION", 2, 2, 6);
        Assert.Equal("766-v1", (await fixture.ScoreAsync("26734", "2026"))!.RuleSetVersion);
    }
}
