using System.Security.Cryptography;
using System.Text;
using Hub.Common.V1;
using Hub.Dossiers.Tests.Infrastructure;
using Hub.Testing;
using Hub.Dossiers.V1;
using Hub.Grpc;
using Hub.Grpc.Client;

namespace Hub.Dossiers.Tests;

/// <summary>The dossier service against real PostgreSQL and RabbitMQ, through its gRPC API with real tokens.</summary>
public sealed class DossierSyncTests(SyncFixture fixture) : IClassFixture<SyncFixture>
{
    private static readonly TimeSpan EventLimit = TimeSpan.FromSeconds(30);

    private GrpcChannel Channel => fixture.Server.Channel;

    private Task<UpsertDossiersReply> PushAsync(params Dossier[] dossiers) =>
        Channel.UnaryAsync(DossierMethods.Upsert, Samples.Batch(dossiers), fixture.Hanoi());

    [Fact]
    public async Task Resending_a_batch_is_unchanged_and_an_older_version_is_stale()
    {
        var code = Samples.Prefix();

        var first = await PushAsync(Samples.Dossier(code, 2));
        var again = await PushAsync(Samples.Dossier(code, 2));
        var older = await PushAsync(Samples.Dossier(code, 1));

        Assert.Equal(RecordStatus.Accepted, first.Results[0].Status);
        Assert.Equal(RecordStatus.Unchanged, again.Results[0].Status);
        Assert.Equal(RecordStatus.Stale, older.Results[0].Status);
        Assert.Equal(2, older.Results[0].StoredVersion);
        Assert.Equal(1, await fixture.ScalarAsync($"SELECT count(*) FROM dossiers WHERE code = '{code}'"));
        Assert.True(await Eventually.HoldsAsync(() => fixture.Events.Received.ContainsKey((code, 2)), EventLimit));
        Assert.Equal(1, fixture.Events.CountWithPrefix(code));
    }

    [Fact]
    public async Task An_open_dossier_due_next_week_is_accepted_but_one_received_next_week_is_not()
    {
        var code = Samples.Prefix();
        var now = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-1));
        var dueNextWeek = Samples.Dossier(code);
        dueNextWeek.ReceivedAt = now;
        dueNextWeek.StatusHistory[0].At = now;
        dueNextWeek.DueAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(7));
        var receivedNextWeek = Samples.Dossier(code + "-later");
        receivedNextWeek.ReceivedAt = dueNextWeek.DueAt;
        receivedNextWeek.DueAt = null;

        var reply = await PushAsync(dueNextWeek, receivedNextWeek);

        Assert.Equal(RecordStatus.Accepted, reply.Results[0].Status);
        Assert.Equal(RecordStatus.Rejected, reply.Results[1].Status);
        Assert.Contains(reply.Results[1].Errors, e => e.Field == "received_at");
    }

    [Fact]
    public async Task Copies_of_one_dossier_in_a_batch_store_the_highest_version_once()
    {
        var code = Samples.Prefix();

        var reply = await PushAsync(Samples.Dossier(code, 1), Samples.Dossier(code, 3), Samples.Dossier(code, 3), Samples.Dossier(code, 2));

        Assert.Equal(
            [RecordStatus.Stale, RecordStatus.Accepted, RecordStatus.Unchanged, RecordStatus.Stale],
            reply.Results.Select(r => r.Status));
        Assert.All(reply.Results, r => Assert.Equal(3, r.StoredVersion));
        Assert.True(await Eventually.HoldsAsync(() => fixture.Events.Received.ContainsKey((code, 3)), EventLimit));
        Assert.Equal(1, fixture.Events.CountWithPrefix(code));
    }

    [Fact]
    public async Task A_bad_record_is_rejected_with_field_errors_while_its_neighbours_are_accepted()
    {
        var prefix = Samples.Prefix();
        var bad = Samples.Dossier($"{prefix}-bad");
        bad.Status = DossierStatus.Unspecified;
        bad.DueAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(Samples.Received.AddDays(-1));
        var unknownUnit = Samples.Dossier($"{prefix}-unit", unit: "99999");

        var reply = await PushAsync(Samples.Dossier($"{prefix}-a"), bad, unknownUnit, Samples.Dossier($"{prefix}-b"));

        Assert.Equal(
            [RecordStatus.Accepted, RecordStatus.Rejected, RecordStatus.Rejected, RecordStatus.Accepted],
            reply.Results.Select(r => r.Status));
        Assert.Equal(["due_at", "status"], reply.Results[1].Errors.Select(e => e.Field).Order());
        Assert.Equal("unit.code", Assert.Single(reply.Results[2].Errors).Field);
        Assert.Equal(2, await fixture.ScalarAsync($"SELECT count(*) FROM dossiers WHERE code LIKE '{prefix}%'"));
    }

    [Fact]
    public async Task A_record_for_a_unit_outside_the_callers_subtree_refuses_the_whole_call()
    {
        var prefix = Samples.Prefix();

        var error = await Assert.ThrowsAsync<GrpcCallException>(() =>
            PushAsync(Samples.Dossier($"{prefix}-own"), Samples.Dossier($"{prefix}-hcm", unit: "26734")));

        Assert.Equal(GrpcStatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(0, await fixture.ScalarAsync($"SELECT count(*) FROM dossiers WHERE code LIKE '{prefix}%'"));
    }

    [Fact]
    public async Task A_province_cannot_overwrite_a_dossier_another_province_holds_under_the_same_code()
    {
        var prefix = Samples.Prefix();
        var hcm = new CallOptions { BearerToken = fixture.Issuer.Issue("tenant-79", "79", ["hub.sync"]) };
        var held = await Channel.UnaryAsync(DossierMethods.Upsert, Samples.Batch(Samples.Dossier($"{prefix}-x", 7, unit: "26734")), hcm);

        // Hà Nội sends the same code with a higher version, for one of its own units, beside a dossier of its own.
        var reply = await PushAsync(Samples.Dossier($"{prefix}-x", 9), Samples.Dossier($"{prefix}-own"), Samples.Dossier($"{prefix}-x", 8));

        Assert.Equal(RecordStatus.Accepted, held.Results[0].Status);
        Assert.Equal([RecordStatus.Rejected, RecordStatus.Accepted, RecordStatus.Rejected], reply.Results.Select(r => r.Status));
        Assert.Equal("code", Assert.Single(reply.Results[0].Errors).Field);
        // Nor does the reply tell the other province's version.
        Assert.Equal([0, 1, 0], reply.Results.Select(r => r.StoredVersion));
        Assert.Equal(1, await fixture.ScalarAsync($"SELECT count(*) FROM dossiers WHERE code = '{prefix}-x' AND unit_code = '26734' AND version = 7"));
        Assert.True(await Eventually.HoldsAsync(() => fixture.Events.Received.ContainsKey(($"{prefix}-own", 1)), EventLimit));
        Assert.False(fixture.Events.Received.ContainsKey(($"{prefix}-x", 9)));
    }

    [Fact]
    public async Task A_dossier_another_province_inserts_while_a_batch_waits_is_checked_before_it_is_overwritten()
    {
        var code = $"{Samples.Prefix()}-x";
        // Another province's first version of the code, inserted but not yet committed: the batch
        // below finds nothing to lock, so its insert meets that row and waits for it.
        await using var other = new Npgsql.NpgsqlConnection(fixture.ConnectionString);
        await other.OpenAsync();
        await using var insert = await other.BeginTransactionAsync();
        await using (var command = new Npgsql.NpgsqlCommand($"""
            INSERT INTO dossiers (code, version, unit_code, procedure_code, status, channel, received_at, applicant_hash, record)
            VALUES ('{code}', 7, '26734', '1.000001', 2, 1, now(), '', ''::bytea)
            """, other, insert))
        {
            await command.ExecuteNonQueryAsync();
        }
        var push = PushAsync(Samples.Dossier(code, 9));
        Assert.True(await Eventually.HoldsAsync(async () => await fixture.ScalarAsync(
            $"SELECT count(*) FROM pg_stat_activity WHERE {other.ProcessID} = ANY (pg_blocking_pids(pid))") == 1, TimeSpan.FromSeconds(10)),
            "the batch never waited for the other insert");
        await insert.CommitAsync();

        var reply = await push;

        Assert.Equal(RecordStatus.Rejected, reply.Results[0].Status);
        Assert.Equal("code", Assert.Single(reply.Results[0].Errors).Field);
        Assert.Equal(1, await fixture.ScalarAsync($"SELECT count(*) FROM dossiers WHERE code = '{code}' AND unit_code = '26734' AND version = 7"));
    }

    [Fact]
    public async Task A_client_identity_disables_is_refused_by_the_service_itself_within_seconds()
    {
        var clientId = $"client-{Guid.NewGuid():N}";
        var options = new CallOptions { BearerToken = fixture.Issuer.Issue(new TestToken("tenant-01", "01", ["hub.sync"]) { ClientId = clientId }) };
        var request = Samples.Batch(Samples.Dossier(Samples.Prefix()));
        Assert.Equal(RecordStatus.Accepted, (await Channel.UnaryAsync(DossierMethods.Upsert, request, options)).Results[0].Status);

        // Straight to the service, not through the gateway: it keeps its own deny-list, fed by a
        // queue of its own that exists once its bus has started.
        var bus = (MassTransit.IBusControl)fixture.Server.Services.GetService(typeof(MassTransit.IBusControl))!;
        Assert.True(await Eventually.HoldsAsync(() => bus.CheckHealth().Status == MassTransit.BusHealthStatus.Healthy, TimeSpan.FromSeconds(30)));
        await fixture.Events.PublishAsync(new Hub.Contracts.Identity.ClientDisabled(clientId, "tenant-01", DateTimeOffset.UtcNow));

        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            try
            {
                await Channel.UnaryAsync(DossierMethods.Upsert, request, options);
                return false;
            }
            catch (GrpcCallException refused) when (refused.StatusCode == GrpcStatusCode.Unauthenticated)
            {
                return true;
            }
        }, TimeSpan.FromSeconds(30)), "the disabled client was still served after 30 s");
    }

    [Fact]
    public async Task Too_many_records_or_an_oversized_message_is_RESOURCE_EXHAUSTED()
    {
        var prefix = Samples.Prefix();
        var tooMany = Samples.Batch([.. Enumerable.Range(0, 1001).Select(i => Samples.Dossier($"{prefix}-{i}"))]);
        var huge = Samples.Dossier($"{prefix}-huge");
        huge.ProcedureCode = new string('x', 2 * 1024 * 1024);

        var count = await Assert.ThrowsAsync<GrpcCallException>(() => Channel.UnaryAsync(DossierMethods.Upsert, tooMany, fixture.Hanoi()));
        var size = await Assert.ThrowsAsync<GrpcCallException>(() => PushAsync(huge));

        Assert.Equal(GrpcStatusCode.ResourceExhausted, count.StatusCode);
        Assert.Equal(GrpcStatusCode.ResourceExhausted, size.StatusCode);
        Assert.Equal(0, await fixture.ScalarAsync($"SELECT count(*) FROM dossiers WHERE code LIKE '{prefix}%'"));
    }

    [Fact]
    public async Task A_call_without_a_valid_token_is_UNAUTHENTICATED_and_without_the_scope_PERMISSION_DENIED()
    {
        var request = Samples.Batch(Samples.Dossier(Samples.Prefix()));
        using var stranger = new Hub.Testing.TestTokenIssuer();

        var none = await Assert.ThrowsAsync<GrpcCallException>(() => Channel.UnaryAsync(DossierMethods.Upsert, request));
        var forged = await Assert.ThrowsAsync<GrpcCallException>(() => Channel.UnaryAsync(DossierMethods.Upsert, request,
            new CallOptions { BearerToken = stranger.Issue("tenant-01", "01", "hub.sync") }));
        var scope = await Assert.ThrowsAsync<GrpcCallException>(() => Channel.UnaryAsync(DossierMethods.Upsert, request, fixture.Hanoi("hub.scores.read")));

        Assert.Equal(GrpcStatusCode.Unauthenticated, none.StatusCode);
        Assert.Equal(GrpcStatusCode.Unauthenticated, forged.StatusCode);
        Assert.Equal(GrpcStatusCode.PermissionDenied, scope.StatusCode);
    }

    [Fact]
    public async Task A_finished_dossier_cannot_go_back_to_new()
    {
        var code = Samples.Prefix();
        await PushAsync(Samples.Dossier(code, 1, status: DossierStatus.Finished));

        var reply = await PushAsync(Samples.Dossier(code, 2, status: DossierStatus.New));
        var returned = await PushAsync(Samples.Dossier(code, 3, status: DossierStatus.ResultReturned));

        Assert.Equal(RecordStatus.Rejected, reply.Results[0].Status);
        Assert.Equal("status", Assert.Single(reply.Results[0].Errors).Field);
        Assert.Equal(RecordStatus.Accepted, returned.Results[0].Status);
    }

    [Fact]
    public async Task Applicant_identifiers_are_stored_only_as_a_keyed_hash()
    {
        var code = Samples.Prefix();
        await PushAsync(Samples.Dossier(code));
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(DossiersServer.HashKey), Encoding.UTF8.GetBytes("001099012345")));

        var stored = await Channel.UnaryAsync(DossierMethods.Get, new GetDossierRequest { Code = code }, fixture.Hanoi());

        Assert.Equal(expected, stored.ApplicantHash);
        Assert.Equal("", stored.Applicant.Identifier);
        Assert.Equal("", stored.Applicant.Name);
        Assert.Equal("", stored.Applicant.Phone);
        Assert.Equal(ApplicantKind.Citizen, stored.Applicant.Kind);
        Assert.Equal(0, await fixture.ScalarAsync(
            $"SELECT count(*) FROM dossiers WHERE position('001099012345'::bytea in record) > 0 OR position('0912345678'::bytea in record) > 0"));
        Assert.Equal(1, await fixture.ScalarAsync($"SELECT count(*) FROM dossiers WHERE code = '{code}' AND applicant_hash = '{expected}'"));
    }

    [Fact]
    public async Task Get_and_list_see_only_the_callers_subtree_and_page_by_code()
    {
        var prefix = Samples.Prefix();
        await PushAsync([.. Enumerable.Range(0, 5).Select(i => Samples.Dossier($"{prefix}-{i}", unit: "STP01"))]);
        var hcm = new CallOptions { BearerToken = fixture.Issuer.Issue("tenant-79", "79", "hub.sync") };

        var codes = new List<string>();
        var page = new PageRequest { PageSize = 2 };
        do
        {
            var reply = await Channel.UnaryAsync(DossierMethods.List, new ListDossiersRequest { UnitCode = "STP01", Page = page }, fixture.Hanoi());
            codes.AddRange(reply.Dossiers.Select(d => d.Code));
            page = new PageRequest { PageSize = 2, PageToken = reply.NextPageToken };
        }
        while (page.PageToken.Length > 0);
        var other = await Channel.UnaryAsync(DossierMethods.List, new ListDossiersRequest(), hcm);
        var notFound = await Assert.ThrowsAsync<GrpcCallException>(() =>
            Channel.UnaryAsync(DossierMethods.Get, new GetDossierRequest { Code = $"{prefix}-0" }, hcm));

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{prefix}-{i}"), codes);
        Assert.DoesNotContain(other.Dossiers, d => d.Code.StartsWith(prefix, StringComparison.Ordinal));
        Assert.Equal(GrpcStatusCode.NotFound, notFound.StatusCode);
    }

    [Fact]
    public async Task Feedback_and_period_totals_go_through_the_same_pipeline()
    {
        var id = Samples.Prefix();
        var feedback = new UpsertFeedbackRequest
        {
            Feedback =
            {
                new V1.Feedback
                {
                    Id = id, SourceVersion = 1, Unit = new UnitRef { Code = "01" }, Kind = FeedbackKind.Rules,
                    Outcome = FeedbackOutcome.InProgress, ReceivedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(Samples.Received),
                },
                new V1.Feedback { Id = $"{id}-bad", SourceVersion = 1, Unit = new UnitRef { Code = "01" } },
            },
        };
        var totals = new UpsertPeriodTotalsRequest
        {
            Totals =
            {
                new PeriodTotal
                {
                    Unit = new UnitRef { Code = "00004" }, PeriodKind = PeriodKind.Month, SourceVersion = 1, DossiersReceived = 120,
                    PeriodStart = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 9, 30, 17, 0, 0, TimeSpan.Zero)),
                },
            },
        };

        var feedbackReply = await Channel.UnaryAsync(DossierMethods.UpsertFeedback, feedback, fixture.Hanoi());
        var totalsReply = await Channel.UnaryAsync(DossierMethods.UpsertTotals, totals, fixture.Hanoi());
        var again = await Channel.UnaryAsync(DossierMethods.UpsertTotals, totals, fixture.Hanoi());

        Assert.Equal([RecordStatus.Accepted, RecordStatus.Rejected], feedbackReply.Results.Select(r => r.Status));
        Assert.Equal(RecordStatus.Accepted, totalsReply.Results[0].Status);
        Assert.Equal(RecordStatus.Unchanged, again.Results[0].Status);
    }
}
