using Hub.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Hub.Dossiers.Data;

/// <summary>
/// The dossier service's schema. Writes go through the sync pipeline's set-based SQL, not through
/// this context; it owns the schema (migrations) and nothing else reads these tables.
/// </summary>
public sealed class DossiersDbContext(DbContextOptions<DossiersDbContext> options) : DbContext(options)
{
    public DbSet<StoredDossier> Dossiers => Set<StoredDossier>();

    public DbSet<StoredFeedback> Feedback => Set<StoredFeedback>();

    public DbSet<StoredPeriodTotal> PeriodTotals => Set<StoredPeriodTotal>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();


    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfiguration(new StoredDossierConfiguration());
        modelBuilder.ApplyConfiguration(new StoredFeedbackConfiguration());
        modelBuilder.ApplyConfiguration(new StoredPeriodTotalConfiguration());
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
    }
}
