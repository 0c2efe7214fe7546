using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Dossiers.Data;

public sealed class StoredFeedbackConfiguration : IEntityTypeConfiguration<StoredFeedback>
{
    public void Configure(EntityTypeBuilder<StoredFeedback> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("feedback");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).HasColumnName("id");
        builder.Property(f => f.Version).HasColumnName("version");
        builder.Property(f => f.UnitCode).HasColumnName("unit_code").IsRequired();
        builder.Property(f => f.DossierCode).HasColumnName("dossier_code");
        builder.Property(f => f.ReceivedAt).HasColumnName("received_at");
        builder.Property(f => f.Record).HasColumnName("record").IsRequired();
        builder.Property(f => f.UpdatedAt).HasColumnName("updated_at").HasDefaultValueSql("now()");
        builder.HasIndex(f => new { f.UnitCode, f.Id }).HasDatabaseName("ix_feedback_unit_code_id");
    }
}
