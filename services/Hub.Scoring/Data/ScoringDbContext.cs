using Hub.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Hub.Scoring.Data;

/// <summary>
/// The scoring service's schema. Facts, dirty marks and snapshots are read and written with
/// set-based SQL (see the migration for the tables); the context owns the migrations and the outbox.
/// </summary>
public sealed class ScoringDbContext(DbContextOptions<ScoringDbContext> options) : DbContext(options)
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
    }
}
