using System.Net;
using System.Text.Json;
using static Hub.Scoring.Tests.Api.ScoresHttp;

namespace Hub.Scoring.Tests.Api;

/// <summary>GET /api/v1/scores/units/{code}/history: a unit's totals as a time series.</summary>
[Collection(ScoresApiGroup.Name)]
public sealed class HistoryTests(ScoresApiFixture fixture)
{
    [Fact]
    public async Task History_has_a_point_per_month_and_nulls_where_the_unit_has_no_score()
    {
        using var client = fixture.Reader(ScoresApiFixture.Operator);

        var history = await JsonAsync(client, "units/26734/history?from=2026-01&to=2026-04");

        Assert.Equal("month", history.GetProperty("kind").GetString());
        var points = history.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(["2026-01", "2026-02", "2026-03", "2026-04"], points.Select(p => p.GetProperty("period").GetString()));
        Assert.Equal(JsonValueKind.Null, points[0].GetProperty("total").ValueKind);
        Assert.Equal(JsonValueKind.Null, points[1].GetProperty("total").ValueKind);
        var march = await fixture.Scoring.ScoreAsync("26734", "2026-03");
        var april = await fixture.Scoring.ScoreAsync("26734", "2026-04");
        Assert.NotNull(march);
        Assert.NotNull(april);
        Shown(march.Total, points[2].GetProperty("total").GetDouble());
        Shown(april.Total, points[3].GetProperty("total").GetDouble());
        Assert.True(points[3].GetProperty("total").GetDouble() > points[2].GetProperty("total").GetDouble());
    }

    [Fact]
    public async Task Without_bounds_history_is_the_last_twelve_months_up_to_the_running_one()
    {
        using var client = fixture.Reader(ScoresApiFixture.Operator);

        var history = await JsonAsync(client, "units/26734/history");

        var periods = history.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("period").GetString()).ToList();
        Assert.Equal(12, periods.Count);
        Assert.Equal("2025-07", periods[0]);
        Assert.Equal("2026-06", periods[^1]);
    }

    [Fact]
    public async Task Quarters_are_a_series_of_their_own()
    {
        using var client = fixture.Reader(ScoresApiFixture.Operator);

        var history = await JsonAsync(client, "units/79/history?kind=quarter&from=2026-Q1&to=2026-Q2");

        var points = history.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(["2026-Q1", "2026-Q2"], points.Select(p => p.GetProperty("period").GetString()));
        var q2 = await fixture.Scoring.ScoreAsync("79", "2026-Q2");
        Assert.NotNull(q2);
        Shown(q2.Total, points[1].GetProperty("total").GetDouble());
    }

    [Fact]
    public async Task Bounds_of_different_kinds_are_a_400_naming_the_field()
    {
        using var client = fixture.Reader(ScoresApiFixture.Operator);

        var problem = await ProblemAsync(client, "units/79/history?from=2026-01&to=2026-Q2", HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("to", out _));
    }
}
