using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Dossiers.Data;

/// <summary>Column names are the ones the sync pipeline's SQL uses (see DossierRecordKind).</summary>
public sealed class StoredDossierConfiguration : IEntityTypeConfiguration<StoredDossier>
{
    public void Configure(EntityTypeBuilder<StoredDossier> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("dossiers");
        builder.HasKey(d => d.Code);
        builder.Property(d => d.Code).HasColumnName("code");
        builder.Property(d => d.Version).HasColumnName("version");
        builder.Property(d => d.UnitCode).HasColumnName("unit_code").IsRequired();
        builder.Property(d => d.ProcedureCode).HasColumnName("procedure_code").IsRequired();
        builder.Property(d => d.Status).HasColumnName("status");
        builder.Property(d => d.Channel).HasColumnName("channel");
        builder.Property(d => d.ReceivedAt).HasColumnName("received_at");
        builder.Property(d => d.DueAt).HasColumnName("due_at");
        builder.Property(d => d.FinishedAt).HasColumnName("finished_at");
        builder.Property(d => d.ReturnedAt).HasColumnName("returned_at");
        builder.Property(d => d.ApplicantHash).HasColumnName("applicant_hash");
        builder.Property(d => d.Record).HasColumnName("record").IsRequired();
        builder.Property(d => d.UpdatedAt).HasColumnName("updated_at").HasDefaultValueSql("now()");
        // Lists page by code within a subtree of units.
        builder.HasIndex(d => new { d.UnitCode, d.Code }).HasDatabaseName("ix_dossiers_unit_code_code");
    }
}
