using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Dossiers.Data;

public sealed class StoredPeriodTotalConfiguration : IEntityTypeConfiguration<StoredPeriodTotal>
{
    public void Configure(EntityTypeBuilder<StoredPeriodTotal> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("period_totals");
        builder.HasKey(t => t.Key);
        builder.Property(t => t.Key).HasColumnName("key");
        builder.Property(t => t.Version).HasColumnName("version");
        builder.Property(t => t.UnitCode).HasColumnName("unit_code").IsRequired();
        builder.Property(t => t.PeriodKind).HasColumnName("period_kind");
        builder.Property(t => t.PeriodStart).HasColumnName("period_start");
        builder.Property(t => t.DossiersReceived).HasColumnName("dossiers_received");
        builder.Property(t => t.Record).HasColumnName("record").IsRequired();
        builder.Property(t => t.UpdatedAt).HasColumnName("updated_at").HasDefaultValueSql("now()");
    }
}
