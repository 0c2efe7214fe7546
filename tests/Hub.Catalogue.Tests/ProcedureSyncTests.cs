using Google.Protobuf.WellKnownTypes;
using Hub.Catalogue.V1;
using Hub.Common.V1;
using Hub.Grpc;
using Hub.Grpc.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hub.Catalogue.Tests;

public sealed class ProcedureSyncTests(CatalogueServer server) : IClassFixture<CatalogueServer>
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = CatalogueReflection.Descriptor.Services[0];
    private static readonly GrpcMethod<UpsertProceduresRequest, UpsertProceduresReply> Upsert = new(Service.FindMethodByName("UpsertProcedures"));
    private static readonly GrpcMethod<UpsertProceduresRequest, UpsertProceduresReply> Stream = new(Service.FindMethodByName("StreamProcedures"));
    private static readonly GrpcMethod<GetProcedureRequest, Procedure> Get = new(Service.FindMethodByName("GetProcedure"));
    private static readonly GrpcMethod<ListProceduresRequest, ListProceduresReply> List = new(Service.FindMethodByName("ListProcedures"));

    private static Procedure Sample(string code, long version = 1, string unit = "01") => new()
    {
        Code = code,
        SourceVersion = version,
        Unit = new UnitRef { Code = unit },
        Name = "Cấp bản sao trích lục hộ tịch",
        Field = "Hộ tịch",
        ImplementingLevels = { ImplementingLevel.Commune },
        ProcessingTime = 1,
        ProcessingTimeUnit = TimeUnit.WorkingDays,
        Fees = { new ProcedureFee { Code = "LP01", Amount = new Money { Vnd = 8_000 } } },
        OnlineServiceLevel = OnlineServiceLevel.Full,
        FullOnlineEligible = true,
        ResultDocuments = { new ResultDocument { Code = "KQ1", Paper = true } },
        Subjects = { Subject.Citizen },
        LegalBases = { new LegalBasis { Number = "123/2025/NĐ-CP", EffectiveAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)) } },
        PublicationDecisionNumber = "45/QĐ-UBND",
        PublicationDecisionAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero)),
        MadePublicAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 9, 3, 0, 0, 0, TimeSpan.Zero)),
        Status = ProcedureStatus.Active,
    };

    private static UpsertProceduresRequest Batch(params Procedure[] procedures)
    {
        var request = new UpsertProceduresRequest { BatchId = Guid.NewGuid().ToString("N") };
        request.Procedures.Add(procedures);
        return request;
    }

    private static string Prefix() => $"P{Guid.NewGuid():N}"[..12];

    [Fact]
    public async Task Versions_are_accepted_once_then_unchanged_or_stale_and_each_acceptance_writes_one_event()
    {
        var code = Prefix();

        var first = await server.Channel.UnaryAsync(Upsert, Batch(Sample(code, 3)), server.Hanoi());
        var again = await server.Channel.UnaryAsync(Upsert, Batch(Sample(code, 3)), server.Hanoi());
        var older = await server.Channel.UnaryAsync(Upsert, Batch(Sample(code, 2)), server.Hanoi());
        var stored = await server.Channel.UnaryAsync(Get, new GetProcedureRequest { Code = code }, server.Hanoi());

        Assert.Equal(RecordStatus.Accepted, first.Results[0].Status);
        Assert.Equal(RecordStatus.Unchanged, again.Results[0].Status);
        Assert.Equal(RecordStatus.Stale, older.Results[0].Status);
        Assert.Equal(3, stored.SourceVersion);
        Assert.Equal(1, await ScalarAsync($"SELECT count(*) FROM outbox_messages WHERE payload::text LIKE '%{code}%'"));
    }

    [Fact]
    public async Task A_bad_procedure_is_rejected_with_field_errors_and_the_rest_of_the_stream_batch_is_stored()
    {
        var prefix = Prefix();
        var bad = Sample($"{prefix}-bad");
        bad.Name = "";
        bad.MadePublicAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero));
        using var call = server.Channel.DuplexStreaming(Stream, server.Hanoi());
        await using var replies = call.ReadAllAsync().GetAsyncEnumerator();

        await call.RequestStream.WriteAsync(Batch(Sample($"{prefix}-a"), bad, Sample($"{prefix}-b", unit: "00004")));
        Assert.True(await replies.MoveNextAsync());
        var reply = replies.Current;
        await call.RequestStream.CompleteAsync();
        Assert.False(await replies.MoveNextAsync());

        Assert.Equal([RecordStatus.Accepted, RecordStatus.Rejected, RecordStatus.Accepted], reply.Results.Select(r => r.Status));
        Assert.Equal(["made_public_at", "name"], reply.Results[1].Errors.Select(e => e.Field).Order());
        var listed = await server.Channel.UnaryAsync(List, new ListProceduresRequest { Page = new PageRequest { PageSize = 1000 } }, server.Hanoi());
        Assert.Equal(2, listed.Procedures.Count(p => p.Code.StartsWith(prefix, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_procedure_of_another_province_refuses_the_call()
    {
        var error = await Assert.ThrowsAsync<GrpcCallException>(() =>
            server.Channel.UnaryAsync(Upsert, Batch(Sample(Prefix(), unit: "79")), server.Hanoi()));

        Assert.Equal(GrpcStatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task The_entity_model_reads_the_tables_the_hand_written_migration_created()
    {
        var code = Prefix();
        await server.Channel.UnaryAsync(Upsert, Batch(Sample(code)), server.Hanoi());
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.CatalogueDbContext>();

        var stored = await db.Procedures.AsNoTracking().SingleAsync(p => p.Code == code);
        var outbox = await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).FirstAsync();

        Assert.Equal((short)OnlineServiceLevel.Full, stored.OnlineServiceLevel);
        Assert.NotNull(stored.MadePublicAt);
        Assert.Equal("urn:message:hub:procedures-changed:v1", outbox.MessageType);
        Assert.Empty((await db.Database.GetPendingMigrationsAsync()).ToList());
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
