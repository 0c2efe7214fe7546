using System.Net;
using static Hub.Scoring.Tests.Api.ScoresHttp;

namespace Hub.Scoring.Tests.Api;

/// <summary>GET /api/v1/scores/rule-sets and …/rule-sets/{version}: the rules scores are computed with.</summary>
[Collection(ScoresApiGroup.Name)]
public sealed class RuleSetTests(ScoresApiFixture fixture)
{
    [Fact]
    public async Task The_list_names_the_shipped_versions_and_which_is_in_force_from_when()
    {
        using var client = fixture.Reader("79");

        var ruleSets = await JsonAsync(client, "rule-sets");

        Assert.Equal("766-v1", ruleSets.GetProperty("inForce").GetString());
        var schedule = ruleSets.GetProperty("schedule").EnumerateArray().Single();
        Assert.Equal("2000-01-01", schedule.GetProperty("from").GetString());
        Assert.Equal("766-v1", schedule.GetProperty("version").GetString());
        var versions = ruleSets.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["766-v1", "766-v2"], versions.Select(v => v.GetProperty("version").GetString()));
        Assert.Equal(["2000-01-01"], versions[0].GetProperty("inForceFrom").EnumerateArray().Select(d => d.GetString()));
        Assert.Empty(versions[1].GetProperty("inForceFrom").EnumerateArray());
    }

    [Fact]
    public async Task A_version_is_its_groups_criteria_and_classification_bands()
    {
        using var client = fixture.Reader("79");

        var ruleSet = await JsonAsync(client, "rule-sets/766-v1");

        Assert.Equal("766-v1", ruleSet.GetProperty("version").GetString());
        var groups = ruleSet.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["CKMB", "TDGQ", "CLGQ", "TTTT", "MDSH", "MDHL"], groups.Select(g => g.GetProperty("code").GetString()));
        Assert.Equal(100, groups.Sum(g => g.GetProperty("maxPoints").GetDouble()));
        var onTime = groups[1].GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "ON_TIME");
        Assert.Equal(20, onTime.GetProperty("maxPoints").GetDouble());
        Assert.False(string.IsNullOrEmpty(onTime.GetProperty("numerator").GetString()));
        var bands = ruleSet.GetProperty("classification").EnumerateArray().ToList();
        Assert.Equal([90, 80, 70, 50, 0], bands.Select(b => b.GetProperty("minTotal").GetDouble()));
    }

    [Fact]
    public async Task An_unknown_version_is_a_404_problem()
    {
        using var client = fixture.Reader("79");

        await ProblemAsync(client, "rule-sets/766-v9", HttpStatusCode.NotFound);
    }
}
