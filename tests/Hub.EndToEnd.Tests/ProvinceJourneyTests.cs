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

    private static readonly string[] SyncScope = ["hub.sync"];

    [Fact]
    public async Task A_province_registered_by_the_operator_pushes_its_dossiers_and_only_its_own()
    {
        using var rest = new HttpClient { BaseAddress = hub.Rest };
        using var grpc = GrpcChannel.ForAddress(hub.Grpc);
        var admin = await TokenAsync(rest, hub.AdminClientId, hub.AdminSecret, "hub.admin");

        var clientId = $"79-sync-{Guid.NewGuid():N}"[..20];
        var secret = await RegisterProvinceClientAsync(rest, admin, clientId);
        var token = await TokenAsync(rest, clientId, secret, "hub.sync");

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

    private static async Task<string> RegisterProvinceClientAsync(HttpClient rest, string admin, string clientId)
    {
        using var tenant = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/tenants")
        {
            Content = JsonContent.Create(new { id = "79", name = "Thành phố Hồ Chí Minh", kind = "province", unit = "79" }),
        };
        tenant.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var tenantResponse = await rest.SendAsync(tenant);
        Assert.True(tenantResponse.IsSuccessStatusCode || tenantResponse.StatusCode == System.Net.HttpStatusCode.Conflict,
            await tenantResponse.Content.ReadAsStringAsync());

        using var client = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/clients")
        {
            Content = JsonContent.Create(new { tenant = "79", id = clientId, name = "Hệ thống một cửa TP HCM", scopes = SyncScope }),
        };
        client.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var response = await rest.SendAsync(client);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("secret").GetProperty("secret").GetString()!;
    }

    private static async Task<string> TokenAsync(HttpClient rest, string clientId, string secret, string scope)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", scope)]),
        };
        var credentials = $"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        using var response = await rest.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
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
