using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Hub.Common.V1;
using Hub.Dossiers.V1;
using Hub.Grpc;
using Hub.Grpc.Client;

namespace Hub.EndToEnd.Tests;

/// <summary>
/// What a province goes through, every step through the gateway: the operator registers it, it
/// obtains a token, pushes its dossiers, cannot touch another province's, and is cut off at once
/// when the operator disables it.
/// </summary>
[Collection(SharedRunningHub.Name)]
public sealed class ProvinceJourneyTests(RunningHub hub)
{
    private static readonly GrpcMethod<UpsertDossiersRequest, UpsertDossiersReply> Upsert =
        new(DossiersReflection.Descriptor.Services[0].FindMethodByName("UpsertDossiers"));

    [Theory]
    [InlineData("gateway/Hub.Gateway")]
    [InlineData("services/Hub.Dossiers")]
    [InlineData("services/Hub.Scoring")]
    public async Task The_gateway_and_each_service_load_identitys_deny_list_with_their_own_client(string project)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!hub.OutputOf(project).Contains("Deny-list loaded", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{project} did not load the deny-list:\n{hub.OutputOf(project)}");
            await Task.Delay(200);
        }
        Assert.DoesNotContain("Could not load the deny-list", hub.OutputOf(project), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_province_registered_by_the_operator_pushes_its_dossiers_and_only_its_own()
    {
        using var rest = new HttpClient { BaseAddress = hub.Rest };
        using var grpc = GrpcChannel.ForAddress(hub.Grpc);
        var admin = await HubAdmin.TokenAsync(rest, hub.AdminClientId, hub.AdminSecret, "hub.admin");

        var clientId = $"79-sync-{Guid.NewGuid():N}"[..20];
        var secret = await HubAdmin.RegisterClientAsync(rest, admin, ("79", "Thành phố Hồ Chí Minh", "province", "79"), clientId, "Hệ thống một cửa TP HCM", "hub.sync");
        var token = await HubAdmin.TokenAsync(rest, clientId, secret, "hub.sync");

        var code = $"000.00.79.H29-{Guid.NewGuid():N}"[..30];
        var accepted = await grpc.UnaryAsync(Upsert, Batch(Dossier(code, unit: "26734")), Options(token));
        var again = await grpc.UnaryAsync(Upsert, Batch(Dossier(code, unit: "26734")), Options(token));
        Assert.Equal(RecordStatus.Accepted, Assert.Single(accepted.Results).Status);
        Assert.Equal(RecordStatus.Unchanged, Assert.Single(again.Results).Status);

        // Phường Ba Đình belongs to Hà Nội (01), not to Thành phố Hồ Chí Minh (79).
        var foreign = await Assert.ThrowsAsync<GrpcCallException>(() =>
            grpc.UnaryAsync(Upsert, Batch(Dossier(code + "-hn", unit: "00004")), Options(token)));
        Assert.Equal(GrpcStatusCode.PermissionDenied, foreign.StatusCode);

        using var disable = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/clients/{clientId}/disable");
        disable.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        (await rest.SendAsync(disable)).EnsureSuccessStatusCode();

        var refused = await RefusedWithinAsync(grpc, Batch(Dossier(code, version: 2, unit: "26734")), token, TimeSpan.FromSeconds(30));
        Assert.Equal(GrpcStatusCode.Unauthenticated, refused.StatusCode);

        // A gateway replica that starts after the event was published learns it from identity's snapshot.
        var (_, laterGrpc) = await hub.StartGatewayAsync();
        using var later = GrpcChannel.ForAddress(laterGrpc);
        var refusedLater = await RefusedWithinAsync(later, Batch(Dossier(code, version: 2, unit: "26734")), token, TimeSpan.FromSeconds(30));
        Assert.Equal(GrpcStatusCode.Unauthenticated, refusedLater.StatusCode);
        Assert.Equal("The access token or its client has been revoked.", refusedLater.StatusMessage);
    }

    private static async Task<GrpcCallException> RefusedWithinAsync(GrpcChannel grpc, UpsertDossiersRequest request, string token, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                await grpc.UnaryAsync(Upsert, request, Options(token));
            }
            catch (GrpcCallException refused)
            {
                return refused;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the disabled client was still served after {limit}");
            await Task.Delay(200);
        }
    }

    private static CallOptions Options(string token) => CallOptions.WithTimeout(TimeSpan.FromSeconds(30)) with { BearerToken = token };

    private static UpsertDossiersRequest Batch(Dossier dossier) => new() { BatchId = Guid.NewGuid().ToString("N"), Dossiers = { dossier } };

    private static Dossier Dossier(string code, string unit, long version = 1)
    {
        var received = new DateTimeOffset(2026, 10, 1, 2, 0, 0, TimeSpan.Zero);
        return new Dossier
        {
            Code = code,
            SourceVersion = version,
            ProcedureCode = "1.001234",
            Unit = new UnitRef { Code = unit },
            Channel = Channel.Online,
            Status = DossierStatus.InProgress,
            Applicant = new Applicant { Identifier = "079099012345", Kind = ApplicantKind.Citizen },
            ReceivedAt = Timestamp.FromDateTimeOffset(received),
            DueAt = Timestamp.FromDateTimeOffset(received.AddDays(5)),
            StatusHistory = { new StatusChange { Status = DossierStatus.New, At = Timestamp.FromDateTimeOffset(received) } },
        };
    }
}
