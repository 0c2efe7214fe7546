using Hub.Identity.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Identity.Clients;

public sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.ToTable("clients");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasColumnName("id").HasMaxLength(64);
        builder.Property(c => c.TenantId).HasColumnName("tenant_id").HasMaxLength(64);
        builder.Property(c => c.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(c => c.Scopes).HasColumnName("scopes").HasMaxLength(500);
        builder.Property(c => c.Enabled).HasColumnName("enabled");
        builder.Property(c => c.TokensNotBefore).HasColumnName("tokens_not_before");
        builder.Property(c => c.CreatedAt).HasColumnName("created_at");
        builder.Ignore(c => c.AllowedScopes);
        builder.HasIndex(c => c.TenantId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Secrets).WithOne().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
