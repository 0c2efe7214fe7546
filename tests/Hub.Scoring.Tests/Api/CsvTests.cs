using System.Globalization;
using System.Net;
using static Hub.Scoring.Tests.Api.ScoresHttp;

namespace Hub.Scoring.Tests.Api;

/// <summary>The tabular routes in CSV (RFC 4180) when the caller asks for text/csv: the same figures as the JSON.</summary>
[Collection(ScoresApiGroup.Name)]
public sealed class CsvTests(ScoresApiFixture fixture)
{
    [Fact]
    public async Task A_ranking_in_csv_has_a_header_and_the_json_s_figures_row_by_row()
    {
        using var client = fixture.Reader(ScoresApiFixture.Operator);

        var text = await CsvAsync(client, "rankings?level=commune&period=2026-04");
        var json = await JsonAsync(client, "rankings?level=commune&period=2026-04");

        var header = Csv.Header(text);
        Assert.Equal(["period", "rank", "unitCode", "unitName", "unitLevel", "total", "classification", "classificationName",
            "CKMB", "TDGQ", "CLGQ", "TTTT", "MDSH", "MDHL", "previousTotal", "change", "ruleSetVersion", "computedAt"], header);
        var rows = Csv.Parse(text);
        Assert.Equal(Rows(json).Select(r => r.GetProperty("unitCode").GetString()), rows.Select(r => r["unitCode"]));
        foreach (var row in rows)
        {
            var expected = Row(json, row["unitCode"]);
            Assert.Equal("2026-04", row["period"]);
            Assert.Equal(expected.GetProperty("rank").GetInt32().ToString(CultureInfo.InvariantCulture), row["rank"]);
            Assert.Equal(expected.GetProperty("unitName").GetString(), row["unitName"]);
            Assert.Equal(expected.GetProperty("total").GetDouble(), double.Parse(row["total"], CultureInfo.InvariantCulture));
            Assert.Equal(expected.GetProperty("groups").GetProperty("TDGQ").GetDouble(), double.Parse(row["TDGQ"], CultureInfo.InvariantCulture));
            Assert.Equal(expected.GetProperty("classification").GetString(), row["classification"]);
        }
        Assert.Equal("Phường Sài Gòn", rows.Single(r => r["unitCode"] == "26734")["unitName"]);
        Assert.Equal("", rows.Single(r => r["unitCode"] == "26737")["previousTotal"]);
    }

    [Fact]
    public async Task A_breakdown_in_csv_is_one_row_per_criterion()
    {
        using var client = fixture.Reader(ScoresApiFixture.Operator);

        var rows = Csv.Parse(await CsvAsync(client, "units/26734?period=2026-03"));

        var stored = await fixture.Scoring.ScoreAsync("26734", "2026-03");
        Assert.NotNull(stored);
        Assert.Equal(stored.Groups.Sum(g => g.Criteria.Count), rows.Count);
        var onTime = rows.Single(r => r["criterion"] == "ON_TIME");
        Assert.Equal("TDGQ", onTime["group"]);
        Assert.Equal("1", onTime["numerator"]);
        Assert.Equal("2", onTime["denominator"]);
        Assert.Equal("0.5", onTime["rate"]);
        Assert.Equal("10", onTime["points"]);
        Assert.Equal("20", onTime["maxPoints"]);
        Assert.Equal("", onTime["threshold"]);
        Assert.Equal("true", onTime["applicable"]);
        Assert.Equal("0.8", rows.Single(r => r["criterion"] == "ONLINE_PROVISION")["threshold"]);
        // Names with commas are quoted and come back whole.
        Assert.Contains(rows, r => r["groupName"] == "Công khai, minh bạch (publicity and transparency)");
    }

    [Fact]
    public async Task Children_and_history_come_as_csv_with_format_csv_too()
    {
        using var client = fixture.Reader(ScoresApiFixture.Operator);

        using var children = await GetAsync(client, "units/79/children?period=2026-04&format=csv");
        using var history = await GetAsync(client, "units/26734/history?from=2026-02&to=2026-04&format=csv");

        Assert.Equal(HttpStatusCode.OK, children.StatusCode);
        Assert.Equal("text/csv", children.Content.Headers.ContentType?.MediaType);
        var childRows = Csv.Parse(await children.Content.ReadAsStringAsync());
        Assert.Equal(["26734", "26737", "79-STP"], childRows.Select(r => r["unitCode"]).Order(StringComparer.Ordinal));
        Assert.All(childRows, r => Assert.Equal("79", r["parentCode"]));
        Assert.Equal("", childRows.Single(r => r["unitCode"] == "79-STP")["total"]);

        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        var points = Csv.Parse(await history.Content.ReadAsStringAsync());
        Assert.Equal(["2026-02", "2026-03", "2026-04"], points.Select(p => p["period"]));
        Assert.Equal("", points[0]["total"]);
        var april = await fixture.Scoring.ScoreAsync("26734", "2026-04");
        Assert.NotNull(april);
        Shown(april.Total, double.Parse(points[2]["total"], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Json_is_the_default_and_an_unknown_format_is_a_400()
    {
        using var client = fixture.Reader(ScoresApiFixture.Operator);

        using var any = await GetAsync(client, "rankings?period=2026-04", accept: "*/*");
        var problem = await ProblemAsync(client, "rankings?period=2026-04&format=xlsx", HttpStatusCode.BadRequest);

        Assert.Equal("application/json", any.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty("format", out _));
    }
}
