using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Identity.Audit;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(a => a.At).HasColumnName("at");
        builder.Property(a => a.Actor).HasColumnName("actor").HasMaxLength(64);
        builder.Property(a => a.Action).HasColumnName("action").HasMaxLength(64);
        builder.Property(a => a.Target).HasColumnName("target").HasMaxLength(200);
        builder.Property(a => a.Address).HasColumnName("address").HasMaxLength(64);
        builder.Property(a => a.Before).HasColumnName("before").HasColumnType("jsonb");
        builder.Property(a => a.After).HasColumnName("after").HasColumnType("jsonb");
        builder.HasIndex(a => a.Target);
    }
}
