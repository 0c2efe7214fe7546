using Hub.Identity.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Identity.Tenants;

public sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasColumnName("id").HasMaxLength(64);
        builder.Property(t => t.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(t => t.Kind).HasColumnName("kind").HasMaxLength(16);
        builder.Property(t => t.UnitCode).HasColumnName("unit_code").HasMaxLength(32);
        builder.Property(t => t.CreatedAt).HasColumnName("created_at");
        builder.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitCode).OnDelete(DeleteBehavior.Restrict);
    }
}
