using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Hub.Common.V1;
using Hub.Dossiers.V1;
using Hub.Grpc.Client;

namespace Hub.EndToEnd.Tests;

/// <summary>
/// From a province's push to a ministry's screen, every step through the gateway and the broker:
/// dossiers pushed to the dossier service reach scoring as events, and a ministry's client reads
/// the commune's breakdown and the ranking (JSON and CSV) within seconds.
/// </summary>
[Collection(SharedRunningHub.Name)]
public sealed class MinistryScoresJourneyTests(RunningHub hub)
{
    private static readonly GrpcMethod<UpsertDossiersRequest, UpsertDossiersReply> Upsert =
        new(DossiersReflection.Descriptor.Services[0].FindMethodByName("UpsertDossiers"));

    [Fact]
    public async Task Dossiers_a_province_pushes_show_in_the_scores_a_ministry_reads()
    {
        using var rest = new HttpClient { BaseAddress = hub.Rest };
        using var grpc = GrpcChannel.ForAddress(hub.Grpc);
        var admin = await HubAdmin.TokenAsync(rest, hub.AdminClientId, hub.AdminSecret, "hub.admin");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var province = await HubAdmin.TokenAsync(rest, $"79-sync-{suffix}",
            await HubAdmin.RegisterClientAsync(rest, admin, ("79", "Thành phố Hồ Chí Minh", "province", "79"), $"79-sync-{suffix}", "Hệ thống một cửa TP HCM", "hub.sync"), "hub.sync");
        var ministry = await HubAdmin.TokenAsync(rest, $"btp-read-{suffix}",
            await HubAdmin.RegisterClientAsync(rest, admin, ("btp", "Bộ Tư pháp", "ministry", "BTP"), $"btp-read-{suffix}", "Phân tích số liệu Bộ Tư pháp", "hub.scores.read"), "hub.scores.read");

        // October 2026 in commune 26740 (the other journey uses 26734): one dossier finished early, one finished a day late, one
        // still open on 31 October although due on the 20th: 1 of 3 on time.
        var received = new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.FromHours(7));
        var batch = new UpsertDossiersRequest { BatchId = suffix };
        batch.Dossiers.Add(Dossier($"79-E2E-{suffix}-1", received, finished: received.AddDays(3)));
        batch.Dossiers.Add(Dossier($"79-E2E-{suffix}-2", received, finished: received.AddDays(16)));
        batch.Dossiers.Add(Dossier($"79-E2E-{suffix}-3", received, finished: null));
        var reply = await grpc.UnaryAsync(Upsert, batch, CallOptions.WithTimeout(TimeSpan.FromSeconds(30)) with { BearerToken = province });
        Assert.All(reply.Results, r => Assert.Equal(RecordStatus.Accepted, r.Status));

        var onTime = await OnTimeWithinAsync(rest, ministry, expectedDenominator: 3, TimeSpan.FromSeconds(30));
        Assert.Equal(1, onTime.GetProperty("numerator").GetDouble());
        Assert.Equal(20.0 / 3, onTime.GetProperty("points").GetDouble(), 2);

        using var csv = new HttpRequestMessage(HttpMethod.Get, "/api/v1/scores/rankings?level=commune&period=2026-10");
        csv.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ministry);
        csv.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var csvResponse = await rest.SendAsync(csv);
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Contains((await csvResponse.Content.ReadAsStringAsync()).Split('\n'), line => line.Contains("26740", StringComparison.Ordinal));

        // The province's own push token carries no hub.scores.read: the gateway refuses it.
        using var refused = new HttpRequestMessage(HttpMethod.Get, "/api/v1/scores/units/26740?period=2026-10");
        refused.Headers.Authorization = new AuthenticationHeaderValue("Bearer", province);
        Assert.Equal(HttpStatusCode.Forbidden, (await rest.SendAsync(refused)).StatusCode);
    }

    private static async Task<JsonElement> OnTimeWithinAsync(HttpClient rest, string token, double expectedDenominator, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/scores/units/26740?period=2026-10");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await rest.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                var criterion = body.GetProperty("groups").EnumerateArray()
                    .SelectMany(g => g.GetProperty("criteria").EnumerateArray())
                    .Single(c => c.GetProperty("code").GetString() == "ON_TIME");
                if (criterion.GetProperty("denominator").GetDouble() >= expectedDenominator)
                {
                    return criterion;
                }
            }
            else
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
            Assert.True(DateTime.UtcNow < deadline, $"the pushed dossiers did not show in the scores within {limit}");
            await Task.Delay(200);
        }
    }

    private static Dossier Dossier(string code, DateTimeOffset received, DateTimeOffset? finished)
    {
        var dossier = new Dossier
        {
            Code = code,
            SourceVersion = 1,
            ProcedureCode = "1.001234",
            Unit = new UnitRef { Code = "26740" },
            Channel = Channel.Online,
            Status = finished is null ? DossierStatus.InProgress : DossierStatus.Finished,
            Applicant = new Applicant { Identifier = "079099012345", Kind = ApplicantKind.Citizen },
            ReceivedAt = Timestamp.FromDateTimeOffset(received),
            DueAt = Timestamp.FromDateTimeOffset(received.AddDays(15)),
            StatusHistory = { new StatusChange { Status = DossierStatus.New, At = Timestamp.FromDateTimeOffset(received) } },
        };
        if (finished is { } end)
        {
            dossier.FinishedAt = Timestamp.FromDateTimeOffset(end);
            dossier.StatusHistory.Add(new StatusChange { Status = DossierStatus.Finished, At = Timestamp.FromDateTimeOffset(end) });
        }
        return dossier;
    }
}
