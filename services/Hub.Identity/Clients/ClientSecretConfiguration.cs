using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Identity.Clients;

public sealed class ClientSecretConfiguration : IEntityTypeConfiguration<ClientSecret>
{
    public void Configure(EntityTypeBuilder<ClientSecret> builder)
    {
        builder.ToTable("client_secrets");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id");
        builder.Property(s => s.ClientId).HasColumnName("client_id").HasMaxLength(64);
        builder.Property(s => s.Salt).HasColumnName("salt").HasMaxLength(64);
        builder.Property(s => s.Hash).HasColumnName("hash").HasMaxLength(128);
        builder.Property(s => s.Prefix).HasColumnName("prefix").HasMaxLength(16);
        builder.Property(s => s.CreatedAt).HasColumnName("created_at");
        builder.Property(s => s.ExpiresAt).HasColumnName("expires_at");
        builder.Property(s => s.RevokedAt).HasColumnName("revoked_at");
        builder.HasIndex(s => s.ClientId);
    }
}
