using System.Net;
using System.Text.Json;
using Hub.Contracts.Scoring;
using Hub.Scoring.Facts;
using Hub.Scoring.Live;
using static Hub.Scoring.Tests.Api.ScoresHttp;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Api;

/// <summary>GET /api/v1/scores/stream: server-sent events of score changes, filtered by unit.</summary>
[Collection(ScoresApiGroup.Name)]
public sealed class StreamTests(ScoresApiFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_stream_ends_when_its_token_expires()
    {
        using var client = fixture.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer",
            fixture.Scoring.Issuer.Issue(new Hub.Testing.TestToken("tenant-79", "79", ["hub.scores.read"]) { Lifetime = TimeSpan.FromSeconds(3) }));
        await using var stream = await SseClient.OpenAsync(client, "/api/v1/scores/stream?unit=79");
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);

        var comments = await ReadToEndAsync(stream);

        Assert.Contains(comments, c => c.Contains("expired or was revoked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_stream_of_a_client_identity_disables_ends()
    {
        var clientId = $"client-{Guid.NewGuid():N}";
        using var client = fixture.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer",
            fixture.Scoring.Issuer.Issue(new Hub.Testing.TestToken("tenant-79", "79", ["hub.scores.read"]) { ClientId = clientId }));
        await using var stream = await SseClient.OpenAsync(client, "/api/v1/scores/stream?unit=79");
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);

        await using (var publisher = await Infrastructure.EventPublisher.StartAsync((await Hub.Testing.TestServers.GetAsync()).RabbitMqUri))
        {
            await publisher.PublishAsync(new Hub.Contracts.Identity.ClientDisabled(clientId, "tenant-79", DateTimeOffset.UtcNow));
        }
        var comments = await ReadToEndAsync(stream);

        Assert.Contains(comments, c => c.Contains("expired or was revoked", StringComparison.Ordinal));
    }

    /// <summary>Every comment up to the end of the stream, which must come within the patience.</summary>
    private static async Task<List<string>> ReadToEndAsync(SseClient stream)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var comments = new List<string>();
        while (await stream.ReadAsync(timeout.Token) is { } block)
        {
            comments.AddRange(block.Comments);
        }
        return comments;
    }

    [Fact]
    public async Task A_change_after_connecting_arrives_for_a_unit_in_the_filter_and_none_outside_it()
    {
        // Province 79's token, filtered to its subtree. September 2025, which no other test touches:
        // first a change in Hanoi (outside the filter), then one in commune 26737 (inside).
        using var client = fixture.Reader("79");
        await using var stream = await SseClient.OpenAsync(client, "/api/v1/scores/stream?unit=79");
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        using var timeout = new CancellationTokenSource(Patience);
        var opening = await stream.ReadAsync(timeout.Token);
        Assert.NotNull(opening);
        Assert.Contains(opening.Comments, c => c.StartsWith("subscribed", StringComparison.Ordinal));

        await WriteAsync("SSE-1", "00004");
        await WriteAsync("SSE-2", "26737");

        var received = new List<JsonElement>();
        JsonElement? change = null;
        while (change is null)
        {
            var block = await stream.ReadAsync(timeout.Token);
            Assert.NotNull(block);
            if (block.Event != "score")
            {
                continue;
            }
            var data = JsonDocument.Parse(block.Data!).RootElement.Clone();
            Assert.Equal(data.GetProperty("snapshotId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), block.Id);
            received.Add(data);
            if (data.GetProperty("unitCode").GetString() == "26737" && data.GetProperty("period").GetString() == "2025-09")
            {
                change = data;
            }
        }

        var stored = await fixture.Scoring.ScoreAsync("26737", "2025-09");
        Assert.NotNull(stored);
        Assert.Equal("month", change.Value.GetProperty("periodKind").GetString());
        Assert.Equal("Phường Tân Định", change.Value.GetProperty("unitName").GetString());
        Shown(stored.Total, change.Value.GetProperty("total").GetDouble());
        Assert.Equal(stored.Classification, change.Value.GetProperty("classification").GetString());
        Assert.Equal(
            await fixture.Scoring.ScalarAsync("SELECT snapshot_id FROM current_scores WHERE unit_code = '26737' AND period_kind = 1 AND period_start = '2025-09-01'"),
            change.Value.GetProperty("snapshotId").GetInt64());
        var outside = received.Select(r => r.GetProperty("unitCode").GetString()).Where(u => u is not ("79" or "79-STP" or "26734" or "26737")).ToList();
        Assert.Empty(outside);
    }

    [Fact]
    public async Task A_province_cannot_watch_another_province()
    {
        using var client = fixture.Reader("79");

        var problem = await ProblemAsync(client, "stream?unit=01", HttpStatusCode.Forbidden);

        Assert.Contains("'01'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_that_falls_behind_is_dropped_and_the_others_still_get_every_change()
    {
        var feed = new ScoreFeed();
        var slow = feed.Subscribe(_ => true, capacity: 2);
        var keen = feed.Subscribe(_ => true, capacity: 10);
        var changes = Enumerable.Range(1, 3)
            .Select(i => new IndicatorResult("26734", 1, new DateOnly(2026, 4, 1), "766-v1", 50 + i, "AVERAGE", i, DateTimeOffset.UnixEpoch))
            .ToList();

        feed.Publish(changes);

        Assert.True(slow.Dropped);
        Assert.False(keen.Dropped);
        Assert.Equal(1, feed.Subscribers);
        var delivered = new List<long>();
        while (keen.Reader.TryRead(out var result))
        {
            delivered.Add(result.SnapshotId);
        }
        Assert.Equal([1L, 2L, 3L], delivered);
        Assert.True(slow.Reader.Completion.IsCompleted || slow.Reader.Count == 2);
    }

    private async Task WriteAsync(string code, string unit)
    {
        var dossier = Dossier(code, unit: unit, received: Local(2025, 9, 8)) with { DueAt = Local(2025, 9, 18) };
        await fixture.Scoring.Facts.WriteDossiersAsync([FactDerivation.Dossier(dossier.FinishedAt(Local(2025, 9, 10)))], CancellationToken.None);
        await fixture.Scoring.SettleAsync();
    }
}
