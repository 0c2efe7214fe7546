using static Hub.Scoring.Tests.Api.ScoresHttp;

namespace Hub.Scoring.Tests.Api;

/// <summary>GET /api/v1/scores/rankings: a level's ranking for a period.</summary>
[Collection(ScoresApiGroup.Name)]
public sealed class RankingTests(ScoresApiFixture fixture)
{
    [Fact]
    public async Task Provinces_are_ranked_best_first_with_the_change_since_the_previous_month()
    {
        using var client = fixture.Reader(ScoresApiFixture.Operator);

        var ranking = await JsonAsync(client, "rankings?level=province&period=2026-04");

        Assert.Equal("province", ranking.GetProperty("level").GetString());
        Assert.Equal("2026-04", ranking.GetProperty("period").GetString());
        Assert.Equal("2026-03", ranking.GetProperty("previousPeriod").GetString());
        Assert.Equal(2, ranking.GetProperty("rankedUnits").GetInt32());
        Assert.Equal(["79", "01"], Rows(ranking).Select(r => r.GetProperty("unitCode").GetString()));
        Assert.Equal([1, 2], Rows(ranking).Select(r => r.GetProperty("rank").GetInt32()));
        foreach (var (code, rising) in new[] { ("79", true), ("01", false) })
        {
            var row = Row(ranking, code);
            var april = await fixture.Scoring.ScoreAsync(code, "2026-04");
            var march = await fixture.Scoring.ScoreAsync(code, "2026-03");
            Assert.NotNull(april);
            Assert.NotNull(march);
            Shown(april.Total, row.GetProperty("total").GetDouble());
            Shown(march.Total, row.GetProperty("previousTotal").GetDouble());
            Assert.Equal(april.Classification, row.GetProperty("classification").GetString());
            Assert.Equal("766-v1", row.GetProperty("ruleSetVersion").GetString());
            var change = row.GetProperty("change").GetDouble();
            Assert.Equal(Math.Round(row.GetProperty("total").GetDouble() - row.GetProperty("previousTotal").GetDouble(), 2), change, 6);
            Assert.Equal(rising, change > 0);
        }
        Assert.Equal("Thành phố Hồ Chí Minh", Row(ranking, "79").GetProperty("unitName").GetString());
    }

    [Fact]
    public async Task Rows_carry_each_group_s_points_in_the_rule_set_s_order()
    {
        using var client = fixture.Reader(ScoresApiFixture.Operator);

        var ranking = await JsonAsync(client, "rankings?level=province&period=2026-04");

        var stored = await fixture.Scoring.ScoreAsync("79", "2026-04");
        Assert.NotNull(stored);
        var groups = Row(ranking, "79").GetProperty("groups");
        Assert.Equal(["CKMB", "TDGQ", "CLGQ", "TTTT", "MDSH", "MDHL"], groups.EnumerateObject().Select(g => g.Name));
        foreach (var group in stored.Groups)
        {
            Shown(group.Points, groups.GetProperty(group.Code).GetDouble());
        }
        Shown(20, groups.GetProperty("TDGQ").GetDouble());
    }

    [Fact]
    public async Task Units_with_the_same_total_share_a_rank_and_the_next_rank_skips()
    {
        using var client = fixture.Reader(ScoresApiFixture.Operator);

        var ranking = await JsonAsync(client, "rankings?level=commune&period=2026-04");

        Assert.Equal(3, ranking.GetProperty("rankedUnits").GetInt32());
        Assert.Equal(1, Row(ranking, "26734").GetProperty("rank").GetInt32());
        Assert.Equal(1, Row(ranking, "26737").GetProperty("rank").GetInt32());
        Assert.Equal(3, Row(ranking, "00004").GetProperty("rank").GetInt32());
        Assert.Equal(Row(ranking, "26734").GetProperty("total").GetDouble(), Row(ranking, "26737").GetProperty("total").GetDouble());
        Assert.Equal("00004", Rows(ranking).Last().GetProperty("unitCode").GetString());
        // 26737 had no score in March: no previous total and no change.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, Row(ranking, "26737").GetProperty("previousTotal").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, Row(ranking, "26737").GetProperty("change").ValueKind);
    }

    [Fact]
    public async Task A_level_with_no_scores_in_the_period_is_an_empty_ranking()
    {
        using var client = fixture.Reader(ScoresApiFixture.Operator);

        var ranking = await JsonAsync(client, "rankings?level=department&period=2026-04");

        Assert.Equal(0, ranking.GetProperty("rankedUnits").GetInt32());
        Assert.Empty(Rows(ranking));
    }
}
