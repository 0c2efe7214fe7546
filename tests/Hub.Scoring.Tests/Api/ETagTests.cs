using System.Net;
using Hub.Scoring.Facts;
using static Hub.Scoring.Tests.Api.ScoresHttp;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Api;

/// <summary>ETags let a dashboard poll cheaply: a 304 without a body while nothing it shows changed.</summary>
[Collection(ScoresApiGroup.Name)]
public sealed class ETagTests(ScoresApiFixture fixture)
{
    [Theory]
    [InlineData("rankings?level=province&period=2026-04")]
    [InlineData("units/26734?period=2026-04")]
    [InlineData("units/79/children?period=2026-04")]
    [InlineData("units/26734/history?from=2026-01&to=2026-04")]
    [InlineData("units/26734/snapshots?period=2026-04")]
    [InlineData("rule-sets")]
    [InlineData("rule-sets/766-v1")]
    public async Task Asking_again_with_the_etag_is_a_304_without_a_body(string path)
    {
        using var client = fixture.Reader(ScoresApiFixture.Operator);

        using var first = await GetAsync(client, path);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.True(first.Headers.CacheControl?.NoCache);
        using var again = await GetAsync(client, path, ifNoneMatch: etag.Tag);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, again.Headers.ETag);
    }

    [Fact]
    public async Task Csv_and_json_and_callers_who_see_different_rows_have_different_etags()
    {
        using var operatorClient = fixture.Reader(ScoresApiFixture.Operator);
        using var province = fixture.Reader("79");
        const string Path = "rankings?level=commune&period=2026-04";

        using var json = await GetAsync(operatorClient, Path);
        using var csv = await GetAsync(operatorClient, Path, accept: "text/csv", ifNoneMatch: json.Headers.ETag!.Tag);
        using var provincial = await GetAsync(province, Path, ifNoneMatch: json.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(HttpStatusCode.OK, provincial.StatusCode);
        Assert.NotEqual(json.Headers.ETag, csv.Headers.ETag);
        Assert.NotEqual(json.Headers.ETag, provincial.Headers.ETag);
    }

    [Fact]
    public async Task Once_a_score_changes_the_old_etag_gets_the_new_ranking()
    {
        // October 2025, which no other test touches: commune 00004 first, then 26737 too.
        using var client = fixture.Reader(ScoresApiFixture.Operator);
        await WriteAsync(Dossier("ETAG-1", unit: "00004", received: Local(2025, 10, 6)) with { DueAt = Local(2025, 10, 16) }, Local(2025, 10, 8));
        using var before = await GetAsync(client, "rankings?level=commune&period=2025-10");
        var etag = before.Headers.ETag!.Tag;
        using (var unchanged = await GetAsync(client, "rankings?level=commune&period=2025-10", ifNoneMatch: etag))
        {
            Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        }

        await WriteAsync(Dossier("ETAG-2", unit: "26737", received: Local(2025, 10, 6)) with { DueAt = Local(2025, 10, 16) }, Local(2025, 10, 20));
        using var after = await GetAsync(client, "rankings?level=commune&period=2025-10", ifNoneMatch: etag);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(etag, after.Headers.ETag!.Tag);
        var ranking = System.Text.Json.JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["00004", "26737"], Rows(ranking).Select(r => r.GetProperty("unitCode").GetString()));
    }

    [Fact]
    public async Task A_ranked_score_that_changes_is_read_at_once_not_from_an_earlier_read()
    {
        // December 2025, which no other test touches: commune 00004's one dossier finishes late, then
        // a newer version of it finishes on time. The unit count stays the same; only its score moves.
        const string Path = "rankings?level=commune&period=2025-12";
        using var client = fixture.Reader(ScoresApiFixture.Operator);
        var dossier = Dossier("RANK-MOVE", unit: "00004", received: Local(2025, 12, 1)) with { DueAt = Local(2025, 12, 5) };
        await WriteAsync(dossier, Local(2025, 12, 12));
        var late = await TotalAsync(client, Path, "00004");
        Assert.Equal(late, await TotalAsync(client, Path, "00004"));

        await WriteAsync(dossier with { Version = 2 }, Local(2025, 12, 3));

        Assert.True(await TotalAsync(client, Path, "00004") > late, "the ranking still shows the late dossier");
    }

    private static async Task<double> TotalAsync(HttpClient client, string path, string unit) =>
        Rows(await JsonAsync(client, path)).Single(r => r.GetProperty("unitCode").GetString() == unit).GetProperty("total").GetDouble();

    private async Task WriteAsync(Contracts.Sync.DossierState dossier, DateTimeOffset finished)
    {
        await fixture.Scoring.Facts.WriteDossiersAsync([FactDerivation.Dossier(dossier.FinishedAt(finished))], CancellationToken.None);
        await fixture.Scoring.SettleAsync();
    }
}
