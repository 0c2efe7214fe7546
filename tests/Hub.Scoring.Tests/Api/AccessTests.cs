using System.Net;
using System.Text.Json;
using Hub.Scoring.Tests.Infrastructure;
using Hub.Testing;
using static Hub.Scoring.Tests.Api.ScoresHttp;

namespace Hub.Scoring.Tests.Api;

/// <summary>
/// Who reads what: a token with hub.scores.read is needed; a province reads its own subtree (and
/// is refused, not misled, elsewhere), a ministry and the operator read everything.
/// </summary>
[Collection(ScoresApiGroup.Name)]
public sealed class AccessTests(ScoresApiFixture fixture)
{
    [Fact]
    public async Task Without_a_token_the_api_answers_401_with_a_bearer_challenge()
    {
        using var client = fixture.Anonymous();

        using var response = await GetAsync(client, "rankings?period=2026-04");

        await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task A_client_identity_disables_is_refused_401_by_the_service_itself_within_seconds()
    {
        var clientId = $"client-{Guid.NewGuid():N}";
        using var client = fixture.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", fixture.Scoring.Issuer.Issue(new TestToken("tenant-79", "79", ["hub.scores.read"]) { ClientId = clientId }));
        await JsonAsync(client, "units/79?period=2026-04");

        // Straight to the service, not through the gateway: it keeps its own deny-list.
        await using (var publisher = await EventPublisher.StartAsync((await TestServers.GetAsync()).RabbitMqUri))
        {
            await publisher.PublishAsync(new Hub.Contracts.Identity.ClientDisabled(clientId, "tenant-79", DateTimeOffset.UtcNow));
        }

        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            using var response = await GetAsync(client, "units/79?period=2026-04");
            return response.StatusCode == HttpStatusCode.Unauthorized;
        }, TimeSpan.FromSeconds(30)), "the disabled client was still served after 30 s");
    }

    [Fact]
    public async Task A_token_without_the_scores_scope_is_refused_403()
    {
        using var client = fixture.Client("79", "hub.sync");

        await ProblemAsync(client, "units/79?period=2026-04", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_province_reads_itself_and_its_communes_but_not_another_province()
    {
        using var client = fixture.Reader("79");

        var own = await JsonAsync(client, "units/79?period=2026-04");
        var commune = await JsonAsync(client, "units/26734?period=2026-04");
        var other = await JsonAsync(client, "units/26737?period=2026-04");
        var hanoi = await ProblemAsync(client, "units/01?period=2026-04", HttpStatusCode.Forbidden);
        var hanoiCommune = await ProblemAsync(client, "units/00004/history", HttpStatusCode.Forbidden);
        await ProblemAsync(client, "units/VN/children?period=2026-04", HttpStatusCode.Forbidden);

        Assert.Equal("79", own.GetProperty("unitCode").GetString());
        Assert.Equal("26734", commune.GetProperty("unitCode").GetString());
        Assert.Equal("26737", other.GetProperty("unitCode").GetString());
        Assert.Contains("'01'", hanoi.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("'00004'", hanoiCommune.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_province_s_ranking_shows_only_its_own_rows_ranked_over_the_whole_level()
    {
        using var hcmc = fixture.Reader("79");
        using var hanoi = fixture.Reader("01");

        var provinces = await JsonAsync(hanoi, "rankings?level=province&period=2026-04");
        var communes = await JsonAsync(hcmc, "rankings?level=commune&period=2026-04");

        var row = Assert.Single(Rows(provinces));
        Assert.Equal("01", row.GetProperty("unitCode").GetString());
        Assert.Equal(2, row.GetProperty("rank").GetInt32());
        Assert.Equal(2, provinces.GetProperty("rankedUnits").GetInt32());
        Assert.Equal(["26734", "26737"], Rows(communes).Select(r => r.GetProperty("unitCode").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(3, communes.GetProperty("rankedUnits").GetInt32());
    }

    [Theory]
    [InlineData("BTP")]
    [InlineData(ScoresApiFixture.Operator)]
    public async Task A_ministry_and_the_operator_read_every_unit(string unit)
    {
        using var client = fixture.Reader(unit);

        var provinces = await JsonAsync(client, "rankings?level=province&period=2026-04");
        var hanoi = await JsonAsync(client, "units/00004?period=2026-04");
        var hcmc = await JsonAsync(client, "units/79/children?period=2026-04");

        Assert.Equal(["79", "01"], Rows(provinces).Select(r => r.GetProperty("unitCode").GetString()));
        Assert.Equal("00004", hanoi.GetProperty("unitCode").GetString());
        Assert.Equal(3, Rows(hcmc).Count());
    }

    [Fact]
    public async Task A_province_polling_a_ranking_the_operator_just_read_gets_only_its_own_rows()
    {
        using var operatorClient = fixture.Reader(ScoresApiFixture.Operator);
        using var hcmc = fixture.Reader("79");
        const string Path = "rankings?level=commune&period=2026-04";

        var everyone = await JsonAsync(operatorClient, Path);
        var first = await JsonAsync(hcmc, Path);
        var again = await JsonAsync(hcmc, Path);

        Assert.Equal(["00004", "26734", "26737"], Rows(everyone).Select(r => r.GetProperty("unitCode").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(["26734", "26737"], Rows(first).Select(r => r.GetProperty("unitCode").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(first.GetRawText(), again.GetRawText());
    }

    [Theory]
    [InlineData("rankings?level=province", "period")]
    [InlineData("rankings?level=province&period=2026-13", "period")]
    [InlineData("rankings?level=province&period=May", "period")]
    [InlineData("rankings?level=planet&period=2026-04", "level")]
    [InlineData("units/79?period=2026-Q5", "period")]
    [InlineData("units/79/children", "period")]
    [InlineData("units/79/history?from=2026-1", "from")]
    [InlineData("units/79/history?kind=week", "kind")]
    [InlineData("units/79/history?from=2026-06&to=2026-01", "from")]
    [InlineData("units/79/snapshots?period=2026-04&limit=0", "limit")]
    [InlineData("stream?period=2026-00", "period")]
    public async Task A_bad_parameter_is_a_400_problem_naming_the_field(string path, string field)
    {
        using var client = fixture.Reader(ScoresApiFixture.Operator);

        var problem = await ProblemAsync(client, path, HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Equal(JsonValueKind.Array, errors.GetProperty(field).ValueKind);
        Assert.NotEmpty(errors.GetProperty(field).EnumerateArray());
    }

    [Fact]
    public async Task The_openapi_document_describes_every_route_and_needs_no_token()
    {
        using var client = fixture.Anonymous();

        using var response = await client.GetAsync(new Uri("/api/v1/scores/openapi/v1.json", UriKind.Relative));
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(
            ["/api/v1/scores/rankings", "/api/v1/scores/rule-sets", "/api/v1/scores/rule-sets/{version}", "/api/v1/scores/stream",
             "/api/v1/scores/units/{code}", "/api/v1/scores/units/{code}/children", "/api/v1/scores/units/{code}/history",
             "/api/v1/scores/units/{code}/snapshots"],
            paths.Order(StringComparer.Ordinal));
        var ranking = document.GetProperty("paths").GetProperty("/api/v1/scores/rankings").GetProperty("get");
        var content = ranking.GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.True(content.TryGetProperty("application/json", out _));
        Assert.True(content.TryGetProperty("text/csv", out _));
        Assert.True(ranking.GetProperty("responses").TryGetProperty("304", out _));
        Assert.True(ranking.GetProperty("responses").TryGetProperty("400", out _));
        Assert.Contains(ranking.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "period");
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
    }
}
