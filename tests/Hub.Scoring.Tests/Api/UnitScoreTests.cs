using System.Net;
using System.Text.Json;
using static Hub.Scoring.Tests.Api.ScoresHttp;

namespace Hub.Scoring.Tests.Api;

/// <summary>GET /api/v1/scores/units/{code} and …/snapshots: one unit's breakdown and its stored history for a period.</summary>
[Collection(ScoresApiGroup.Name)]
public sealed class UnitScoreTests(ScoresApiFixture fixture)
{
    [Fact]
    public async Task The_breakdown_goes_from_groups_to_criteria_with_their_figures()
    {
        using var client = fixture.Reader(ScoresApiFixture.Operator);

        var score = await JsonAsync(client, "units/26734?period=2026-03");

        var stored = await fixture.Scoring.ScoreAsync("26734", "2026-03");
        Assert.NotNull(stored);
        Assert.Equal("26734", score.GetProperty("unitCode").GetString());
        Assert.Equal("Phường Sài Gòn", score.GetProperty("unitName").GetString());
        Assert.Equal("commune", score.GetProperty("unitLevel").GetString());
        Assert.Equal("2026-03", score.GetProperty("period").GetString());
        Assert.Equal("766-v1", score.GetProperty("ruleSetVersion").GetString());
        Shown(stored.Total, score.GetProperty("total").GetDouble());
        Assert.Equal(stored.Classification, score.GetProperty("classification").GetString());
        Assert.Equal(stored.EvaluatedAt, score.GetProperty("evaluatedAt").GetDateTimeOffset());
        Assert.True(score.GetProperty("computedAt").GetDateTimeOffset() > DateTimeOffset.MinValue);
        Assert.True(score.GetProperty("snapshotId").GetInt64() > 0);
        var groups = score.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(stored.Groups.Select(g => g.Code), groups.Select(g => g.GetProperty("code").GetString()));

        // One on time of two handled: ON_TIME gives half its 20 points.
        var onTime = groups.Single(g => g.GetProperty("code").GetString() == "TDGQ")
            .GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "ON_TIME");
        Assert.Equal(1, onTime.GetProperty("numerator").GetDouble());
        Assert.Equal(2, onTime.GetProperty("denominator").GetDouble());
        Assert.Equal(0.5, onTime.GetProperty("rate").GetDouble());
        Assert.Equal(10, onTime.GetProperty("points").GetDouble());
        Assert.Equal(20, onTime.GetProperty("maxPoints").GetDouble());
        Assert.Equal(JsonValueKind.Null, onTime.GetProperty("threshold").ValueKind);
        Assert.True(onTime.GetProperty("applicable").GetBoolean());

        // A province-only criterion does not apply to a commune: no rate, full points.
        var populationData = groups.Single(g => g.GetProperty("code").GetString() == "MDSH")
            .GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "POPULATION_DATA_DOSSIERS");
        Assert.False(populationData.GetProperty("applicable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, populationData.GetProperty("rate").ValueKind);
        Assert.Equal(populationData.GetProperty("maxPoints").GetDouble(), populationData.GetProperty("points").GetDouble());

        var withThreshold = groups.SelectMany(g => g.GetProperty("criteria").EnumerateArray()).Single(c => c.GetProperty("code").GetString() == "ONLINE_PROVISION");
        Assert.Equal(0.8, withThreshold.GetProperty("threshold").GetDouble());
    }

    [Fact]
    public async Task A_unit_without_a_score_for_the_period_is_a_404_problem()
    {
        using var client = fixture.Reader(ScoresApiFixture.Operator);

        var problem = await ProblemAsync(client, "units/79-STP?period=2026-04", HttpStatusCode.NotFound);

        Assert.Contains("79-STP", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_that_does_not_exist_is_a_404_problem()
    {
        using var client = fixture.Reader(ScoresApiFixture.Operator);

        var problem = await ProblemAsync(client, "units/99999?period=2026-04", HttpStatusCode.NotFound);

        Assert.Contains("99999", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshots_list_the_period_s_stored_scores_newest_first_the_current_one_on_top()
    {
        using var client = fixture.Reader(ScoresApiFixture.Operator);

        var snapshots = await JsonAsync(client, "units/26734/snapshots?period=2026-04");
        var score = await JsonAsync(client, "units/26734?period=2026-04");

        var list = snapshots.GetProperty("snapshots").EnumerateArray().ToList();
        Assert.NotEmpty(list);
        Assert.True(list[0].GetProperty("current").GetBoolean());
        Assert.Equal(score.GetProperty("snapshotId").GetInt64(), list[0].GetProperty("snapshotId").GetInt64());
        Assert.Equal(score.GetProperty("total").GetDouble(), list[0].GetProperty("total").GetDouble());
        Assert.All(list.Skip(1), s => Assert.False(s.GetProperty("current").GetBoolean()));
        var ids = list.Select(s => s.GetProperty("snapshotId").GetInt64()).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
    }
}
