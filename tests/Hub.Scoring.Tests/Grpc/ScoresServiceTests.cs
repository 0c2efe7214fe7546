using System.Collections.Concurrent;
using System.Net;
using Hub.Grpc;
using Hub.Grpc.Client;
using Hub.Grpc.Health.V1;
using Hub.Scoring.Facts;
using Hub.Scoring.Tests.Infrastructure;
using Hub.Scoring.V1;
using Hub.Testing;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Grpc;

/// <summary>
/// hub.scoring.v1.ScoresService on the service's own HTTP/2 port, with real tokens. The test tree:
/// VN → ministry BTP; province 79 → department 79-STP, communes 26734 and 26737; province 01 → commune 00004.
/// </summary>
public sealed class ScoresServiceTests(ScoringFixture fixture) : IClassFixture<ScoringFixture>
{
    private static readonly HashSet<string> Province79Subtree = ["79", "79-STP", "26734", "26737"];

    private GrpcChannel Channel => fixture.Server.Channel;

    private CallOptions Province79 => Token("tenant-79", "79", "hub.scores.read");

    private CallOptions Province01 => Token("tenant-01", "01", "hub.scores.read");

    private CallOptions Token(string tenant, string unit, params string[] scopes) =>
        new() { BearerToken = fixture.Issuer.Issue(tenant, unit, scopes), Deadline = DateTimeOffset.UtcNow.AddSeconds(30) };

    [Fact]
    public async Task GetScore_returns_the_breakdown_of_the_current_snapshot()
    {
        // Commune 26737, March 2026 (closed: the clock is in June). A is finished before its due
        // date, B after it: ON_TIME is 1 of 2 handled, 10 of its 20 points.
        var a = Dossier("GRPC-A", unit: "26737", received: Local(2026, 3, 2)) with { DueAt = Local(2026, 3, 12) };
        var b = Dossier("GRPC-B", unit: "26737", received: Local(2026, 3, 2)) with { DueAt = Local(2026, 3, 12) };
        await fixture.Facts.WriteDossiersAsync(
            [FactDerivation.Dossier(a.FinishedAt(Local(2026, 3, 10))), FactDerivation.Dossier(b.FinishedAt(Local(2026, 3, 13)))],
            CancellationToken.None);
        await fixture.SettleAsync();
        var stored = await fixture.ScoreAsync("26737", "2026-03");

        var score = await Channel.UnaryAsync(ScoresMethods.GetScore, new GetScoreRequest { UnitCode = "26737", Period = "2026-03" }, Province79);

        Assert.NotNull(stored);
        Assert.Equal("26737", score.UnitCode);
        Assert.Equal("Phường Tân Định", score.UnitName);
        Assert.Equal(UnitLevel.Commune, score.UnitLevel);
        Assert.Equal("2026-03", score.Period);
        Assert.Equal(PeriodKind.Month, score.PeriodKind);
        Assert.Equal(Local(2026, 3, 1, 0), score.PeriodStart.ToDateTimeOffset());
        Assert.Equal(Local(2026, 4, 1, 0), score.PeriodEnd.ToDateTimeOffset());
        Assert.Equal("766-v1", score.RuleSetVersion);
        Assert.Equal(stored.Total, score.Total, 9);
        Assert.Equal(stored.Groups.Sum(g => g.MaxPoints), score.MaxPoints, 9);
        Assert.NotEqual(Classification.Unspecified, score.Classification);
        Assert.False(string.IsNullOrEmpty(score.ClassificationName));
        Assert.Equal(fixture.Time.Now, score.ComputedAt.ToDateTimeOffset());
        Assert.Equal(Local(2026, 4, 1, 0), score.EvaluatedAt.ToDateTimeOffset());
        Assert.True(score.SnapshotId > 0);
        Assert.Equal(2, score.Counters["dossiers_handled"]);
        Assert.Equal(stored.Groups.Select(g => g.Code), score.Groups.Select(g => g.Code));
        Assert.Equal(stored.Groups.Sum(g => g.Criteria.Count), score.Groups.Sum(g => g.Criteria.Count));

        var onTime = score.Groups.Single(g => g.Code == "TDGQ").Criteria.Single(c => c.Code == "ON_TIME");
        Assert.Equal("dossiers_on_time", onTime.NumeratorCounter);
        Assert.Equal("dossiers_handled", onTime.DenominatorCounter);
        Assert.Equal(1, onTime.Numerator);
        Assert.Equal(2, onTime.Denominator);
        Assert.True(onTime.HasRate);
        Assert.Equal(0.5, onTime.Rate, 9);
        Assert.Equal(10, onTime.Points, 9);
        Assert.Equal(20, onTime.MaxPoints);
        Assert.False(onTime.HasThreshold);
        Assert.True(onTime.Applicable);
        Assert.Equal(RateDisplay.Percent, onTime.Display);

        // A ministry and the national operator read every unit.
        var ministry = await Channel.UnaryAsync(ScoresMethods.GetScore, new GetScoreRequest { UnitCode = "26737", Period = "2026-03" }, Token("tenant-btp", "BTP", "hub.scores.read"));
        var national = await Channel.UnaryAsync(ScoresMethods.GetScore, new GetScoreRequest { UnitCode = "26737", Period = "2026-03" }, Token("operator", "VN", "hub.scores.read"));
        Assert.Equal(score.SnapshotId, ministry.SnapshotId);
        Assert.Equal(score.SnapshotId, national.SnapshotId);
    }

    [Fact]
    public async Task A_province_cannot_read_another_provinces_units()
    {
        var get = await Assert.ThrowsAsync<GrpcCallException>(() =>
            Channel.UnaryAsync(ScoresMethods.GetScore, new GetScoreRequest { UnitCode = "26737", Period = "2026-03" }, Province01));
        var watch = await Assert.ThrowsAsync<GrpcCallException>(async () =>
        {
            using var call = Channel.ServerStreaming(ScoresMethods.WatchScores, new WatchScoresRequest { UnitCode = "79" }, Province01);
            await foreach (var _ in call.ReadAllAsync())
            {
            }
        });

        Assert.Equal(GrpcStatusCode.PermissionDenied, get.StatusCode);
        Assert.Contains("26737", get.StatusMessage, StringComparison.Ordinal);
        Assert.Contains("01", get.StatusMessage, StringComparison.Ordinal);
        Assert.Equal(GrpcStatusCode.PermissionDenied, watch.StatusCode);
    }

    [Fact]
    public async Task A_malformed_period_or_an_unknown_unit_is_INVALID_ARGUMENT_with_field_violations()
    {
        var badPeriod = await Assert.ThrowsAsync<GrpcCallException>(() =>
            Channel.UnaryAsync(ScoresMethods.GetScore, new GetScoreRequest { UnitCode = "26737", Period = "2026-13" }, Province79));
        var both = await Assert.ThrowsAsync<GrpcCallException>(() =>
            Channel.UnaryAsync(ScoresMethods.GetScore, new GetScoreRequest { UnitCode = "99999", Period = "" }, Province79));

        Assert.Equal(GrpcStatusCode.InvalidArgument, badPeriod.StatusCode);
        var violation = Assert.Single(badPeriod.FieldViolations);
        Assert.Equal("period", violation.Field);
        Assert.Contains("2026-13", violation.Description, StringComparison.Ordinal);
        Assert.Equal(GrpcStatusCode.InvalidArgument, both.StatusCode);
        Assert.Equal(["unit_code", "period"], both.FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task A_unit_without_a_score_for_the_period_is_NOT_FOUND()
    {
        var error = await Assert.ThrowsAsync<GrpcCallException>(() =>
            Channel.UnaryAsync(ScoresMethods.GetScore, new GetScoreRequest { UnitCode = "00004", Period = "2024-02" }, Province01));

        Assert.Equal(GrpcStatusCode.NotFound, error.StatusCode);
        Assert.Contains("00004", error.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_token_is_UNAUTHENTICATED_and_a_token_without_the_scope_is_PERMISSION_DENIED()
    {
        var request = new GetScoreRequest { UnitCode = "79", Period = "2026" };

        var anonymous = await Assert.ThrowsAsync<GrpcCallException>(() => Channel.UnaryAsync(ScoresMethods.GetScore, request, CallOptions.WithTimeout(TimeSpan.FromSeconds(30))));
        var stranger = new TestTokenIssuer();
        var forged = await Assert.ThrowsAsync<GrpcCallException>(() =>
            Channel.UnaryAsync(ScoresMethods.GetScore, request, new CallOptions { BearerToken = stranger.Issue("tenant-79", "79", "hub.scores.read") }));
        stranger.Dispose();
        var syncOnly = await Assert.ThrowsAsync<GrpcCallException>(() => Channel.UnaryAsync(ScoresMethods.GetScore, request, Token("tenant-79", "79", "hub.sync")));

        Assert.Equal(GrpcStatusCode.Unauthenticated, anonymous.StatusCode);
        Assert.Equal(GrpcStatusCode.Unauthenticated, forged.StatusCode);
        Assert.Equal(GrpcStatusCode.PermissionDenied, syncOnly.StatusCode);
        Assert.Contains("hub.scores.read", syncOnly.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchScores_ends_UNAUTHENTICATED_when_the_token_expires()
    {
        var token = fixture.Issuer.Issue(new TestToken("tenant-79", "79", ["hub.scores.read"]) { Lifetime = TimeSpan.FromSeconds(3) });
        var started = DateTimeOffset.UtcNow;

        var ended = await Assert.ThrowsAsync<GrpcCallException>(async () =>
        {
            using var call = Channel.ServerStreaming(ScoresMethods.WatchScores, new WatchScoresRequest { UnitCode = "79" },
                new CallOptions { BearerToken = token, Deadline = DateTimeOffset.UtcNow.AddSeconds(60) });
            await foreach (var _ in call.ReadAllAsync())
            {
            }
        });

        Assert.Equal(GrpcStatusCode.Unauthenticated, ended.StatusCode);
        Assert.Contains("expired or was revoked", ended.StatusMessage, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(30), "the watch ran on well past its token");
    }

    [Fact]
    public async Task WatchScores_sends_changes_in_the_subtree_made_after_it_started_and_nothing_else()
    {
        // Before the watch: commune 26737, February 2026 (finished in the month, so no other month moves).
        var before = Dossier("WATCH-BEFORE", unit: "26737", received: Local(2026, 2, 3)).FinishedAt(Local(2026, 2, 10));
        await fixture.Facts.WriteDossiersAsync([FactDerivation.Dossier(before)], CancellationToken.None);
        await fixture.SettleAsync();

        var options = Province79 with { Deadline = DateTimeOffset.UtcNow.AddSeconds(60) };
        using var call = Channel.ServerStreaming(ScoresMethods.WatchScores, new WatchScoresRequest { UnitCode = "79" }, options);
        await call.ResponseHeadersAsync; // the watch has fixed its starting point
        var received = new ConcurrentQueue<ScoreChanged>();
        using var stop = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in call.ReadAllAsync(stop.Token))
                {
                    received.Enqueue(change);
                }
            }
            catch (GrpcCallException) when (stop.IsCancellationRequested)
            {
            }
        });

        // After it started: commune 26734 (in 79's subtree) and commune 00004 (province 01), April 2026.
        await fixture.Facts.WriteDossiersAsync(
            [FactDerivation.Dossier(Dossier("WATCH-IN", unit: "26734", received: Local(2026, 4, 6)).FinishedAt(Local(2026, 4, 8))),
             FactDerivation.Dossier(Dossier("WATCH-OUT", unit: "00004", received: Local(2026, 4, 6)).FinishedAt(Local(2026, 4, 8)))],
            CancellationToken.None);
        await fixture.SettleAsync();

        var seen = await Eventually.HoldsAsync(
            () => received.Any(c => c.UnitCode == "26734" && c.Period == "2026-04") && received.Any(c => c.UnitCode == "79" && c.Period == "2026-04"),
            TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // a few more polls, for anything that should not come
        await stop.CancelAsync();
        await reading;

        Assert.True(seen, $"the 26734 and 79 changes of 2026-04 never arrived; got: {string.Join(", ", received.Select(c => $"{c.UnitCode} {c.Period}"))}");
        Assert.All(received, c => Assert.Contains(c.UnitCode, Province79Subtree));
        Assert.DoesNotContain(received, c => c.Period == "2026-02");
        var commune = received.First(c => c.UnitCode == "26734" && c.Period == "2026-04");
        Assert.Equal(UnitLevel.Commune, commune.UnitLevel);
        Assert.Equal(PeriodKind.Month, commune.PeriodKind);
        Assert.False(commune.HasPreviousTotal);
        Assert.Equal((await fixture.ScoreAsync("26734", "2026-04"))!.Total, commune.Total, 9);
    }

    [Fact]
    public async Task REST_stays_on_HTTP_1_1_and_gRPC_has_its_own_HTTP_2_port()
    {
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var health = await http.GetAsync(new Uri(fixture.Server.Address, "/healthz"));
        var check = new GrpcMethod<HealthCheckRequest, HealthCheckResponse>(HealthReflection.Descriptor.Services[0].FindMethodByName("Check"));
        var serving = await Channel.UnaryAsync(check, new HealthCheckRequest { Service = "hub.scoring.v1.ScoresService" });

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpVersion.Version11, health.Version);
        Assert.NotEqual(fixture.Server.Address.Port, fixture.Server.GrpcAddress.Port);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, serving.Status);
    }
}
