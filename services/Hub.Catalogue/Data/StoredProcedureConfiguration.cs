using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Catalogue.Data;

/// <summary>Column names are the ones the sync pipeline's SQL uses (see ProcedureRecordKind).</summary>
public sealed class StoredProcedureConfiguration : IEntityTypeConfiguration<StoredProcedure>
{
    public void Configure(EntityTypeBuilder<StoredProcedure> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("procedures");
        builder.HasKey(p => p.Code);
        builder.Property(p => p.Code).HasColumnName("code");
        builder.Property(p => p.Version).HasColumnName("version");
        builder.Property(p => p.UnitCode).HasColumnName("unit_code").IsRequired();
        builder.Property(p => p.Name).HasColumnName("name").IsRequired();
        builder.Property(p => p.Status).HasColumnName("status");
        builder.Property(p => p.OnlineServiceLevel).HasColumnName("online_service_level");
        builder.Property(p => p.PublicationDecisionAt).HasColumnName("publication_decision_at");
        builder.Property(p => p.MadePublicAt).HasColumnName("made_public_at");
        builder.Property(p => p.Record).HasColumnName("record").IsRequired();
        builder.Property(p => p.UpdatedAt).HasColumnName("updated_at").HasDefaultValueSql("now()");
        builder.HasIndex(p => new { p.UnitCode, p.Code }).HasDatabaseName("ix_procedures_unit_code_code");
    }
}
