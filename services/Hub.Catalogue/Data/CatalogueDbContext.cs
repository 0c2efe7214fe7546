using Hub.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Hub.Catalogue.Data;

/// <summary>
/// The catalogue service's schema. Writes go through the sync pipeline's set-based SQL, not through
/// this context; it owns the schema (migrations) and nothing else reads these tables.
/// </summary>
public sealed class CatalogueDbContext(DbContextOptions<CatalogueDbContext> options) : DbContext(options)
{
    public DbSet<StoredProcedure> Procedures => Set<StoredProcedure>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();


    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfiguration(new StoredProcedureConfiguration());
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
    }
}
