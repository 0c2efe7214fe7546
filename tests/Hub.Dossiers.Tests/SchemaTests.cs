using Hub.Dossiers.Data;
using Hub.Dossiers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Dossiers.Tests;

/// <summary>
/// The migrations are written by hand, so this reads every table back through the EF model: a
/// column the model names but the migration lacks, or of another type, fails here.
/// </summary>
public sealed class SchemaTests(SyncFixture fixture) : IClassFixture<SyncFixture>
{
    [Fact]
    public async Task The_entity_model_reads_every_table_the_migration_created()
    {
        var code = Samples.Prefix();
        await fixture.Server.Channel.UnaryAsync(DossierMethods.Upsert, Samples.Batch(Samples.Dossier(code)), fixture.Hanoi());
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();

        var dossier = await db.Dossiers.AsNoTracking().SingleAsync(d => d.Code == code);
        var outbox = await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).FirstAsync();
        await db.Feedback.AsNoTracking().CountAsync();
        await db.PeriodTotals.AsNoTracking().CountAsync();

        Assert.Equal("00004", dossier.UnitCode);
        Assert.Equal(4, dossier.Status);
        Assert.Equal(Samples.Received, dossier.ReceivedAt);
        Assert.NotEmpty(dossier.Record);
        Assert.Equal("urn:message:hub:dossiers-changed:v1", outbox.MessageType);
        Assert.Empty((await db.Database.GetPendingMigrationsAsync()).ToList());
    }
}
