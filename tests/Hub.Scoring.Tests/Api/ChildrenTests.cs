using System.Text.Json;
using static Hub.Scoring.Tests.Api.ScoresHttp;

namespace Hub.Scoring.Tests.Api;

/// <summary>GET /api/v1/scores/units/{code}/children: drill-down from a unit to its direct children.</summary>
[Collection(ScoresApiGroup.Name)]
public sealed class ChildrenTests(ScoresApiFixture fixture)
{
    [Fact]
    public async Task A_province_s_children_are_one_row_each_ranked_among_siblings_of_their_level()
    {
        using var client = fixture.Reader(ScoresApiFixture.Operator);

        var children = await JsonAsync(client, "units/79/children?period=2026-04");

        Assert.Equal("79", children.GetProperty("unitCode").GetString());
        Assert.Equal("2026-04", children.GetProperty("period").GetString());
        Assert.Equal(["26734", "26737", "79-STP"], Rows(children).Select(r => r.GetProperty("unitCode").GetString()).Order(StringComparer.Ordinal));
        var commune = Row(children, "26734");
        var stored = await fixture.Scoring.ScoreAsync("26734", "2026-04");
        Assert.NotNull(stored);
        Shown(stored.Total, commune.GetProperty("total").GetDouble());
        Assert.Equal("commune", commune.GetProperty("unitLevel").GetString());
        Assert.Equal(1, commune.GetProperty("rank").GetInt32());
        Assert.Equal(1, Row(children, "26737").GetProperty("rank").GetInt32());
        Shown(20, commune.GetProperty("groups").GetProperty("TDGQ").GetDouble());
        var march = await fixture.Scoring.ScoreAsync("26734", "2026-03");
        Assert.NotNull(march);
        Shown(march.Total, commune.GetProperty("previousTotal").GetDouble());

        // The department has no score for April: it is listed, with no figures.
        var department = Row(children, "79-STP");
        Assert.Equal("department", department.GetProperty("unitLevel").GetString());
        Assert.Equal(JsonValueKind.Null, department.GetProperty("total").ValueKind);
        Assert.Equal(JsonValueKind.Null, department.GetProperty("rank").ValueKind);
    }

    [Fact]
    public async Task The_national_unit_s_children_are_the_ministries_and_provinces()
    {
        using var client = fixture.Reader("BTP");

        var children = await JsonAsync(client, "units/VN/children?period=2026-04");

        Assert.Equal(["01", "79", "BTP"], Rows(children).Select(r => r.GetProperty("unitCode").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(1, Row(children, "79").GetProperty("rank").GetInt32());
        Assert.Equal(2, Row(children, "01").GetProperty("rank").GetInt32());
    }
}
