using System.Net;
using System.Net.Http.Headers;
using Hub.Scoring.Facts;
using Hub.Scoring.Tests.Infrastructure;
using Hub.Testing;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Api;

/// <summary>
/// One scoring service for every REST test, with the scores they read put in once through the
/// service's own fact writer and engine. The test tree: VN → ministry BTP; province 79 →
/// department 79-STP, communes 26734 and 26737; province 01 → commune 00004. The clock is
/// 2026-06-15, so March and April 2026 are closed months no background refresh touches.
///
/// March 2026: 26734 handles one dossier on time and one late; 00004 two on time.
/// April 2026: 26734 and 26737 two on time each (the same figures, so they tie); 00004 one on
/// time and one late. So in April province 79 (4 of 4 on time) ranks above 01 (1 of 2), having
/// risen since March (1 of 2) while 01 fell (2 of 2).
/// </summary>
public sealed class ScoresApiFixture : IAsyncLifetime
{
    public const string Operator = "VN";

    public ScoringFixture Scoring { get; } = new();

    public async Task InitializeAsync()
    {
        await Scoring.InitializeAsync();
        await SeedAsync();
        // The stream tests need the bus (and this replica's score-feed queue) to be up.
        using var anonymous = Anonymous();
        var ready = await Eventually.HoldsAsync(
            async () => (await anonymous.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60));
        if (!ready)
        {
            throw new TimeoutException("the scoring service never became ready");
        }
    }

    public async Task DisposeAsync() => await Scoring.DisposeAsync();

    /// <summary>A client for the service's REST address with a bearer token for <paramref name="unit"/>.</summary>
    public HttpClient Client(string unit, params string[] scopes)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Scoring.Issuer.Issue($"tenant-{unit}", unit, scopes));
        return client;
    }

    /// <summary>A client with the scores scope, reading as <paramref name="unit"/> (VN is the operator, BTP a ministry).</summary>
    public HttpClient Reader(string unit) => Client(unit, "hub.scores.read");

    public HttpClient Anonymous() => new() { BaseAddress = Scoring.Server.Address, Timeout = Timeout.InfiniteTimeSpan };

    private async Task SeedAsync()
    {
        static DossierFact OnTime(string code, string unit, int month) =>
            FactDerivation.Dossier((Dossier(code, unit: unit, received: Local(2026, month, 2)) with { DueAt = Local(2026, month, 12) }).FinishedAt(Local(2026, month, 10)));
        static DossierFact Late(string code, string unit, int month) =>
            FactDerivation.Dossier((Dossier(code, unit: unit, received: Local(2026, month, 2)) with { DueAt = Local(2026, month, 12) }).FinishedAt(Local(2026, month, 13)));

        await Scoring.Facts.WriteDossiersAsync(
        [
            OnTime("API-M1", "26734", 3), Late("API-M2", "26734", 3),
            OnTime("API-M3", "00004", 3), OnTime("API-M4", "00004", 3),
            OnTime("API-A1", "26734", 4), OnTime("API-A2", "26734", 4),
            OnTime("API-A3", "26737", 4), OnTime("API-A4", "26737", 4),
            OnTime("API-A5", "00004", 4), Late("API-A6", "00004", 4),
        ], CancellationToken.None);
        await Scoring.SettleAsync();
    }
}
