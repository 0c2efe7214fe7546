using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Identity.Revocation;

public sealed class RevokedTokenConfiguration : IEntityTypeConfiguration<RevokedToken>
{
    public void Configure(EntityTypeBuilder<RevokedToken> builder)
    {
        builder.ToTable("revoked_tokens");
        builder.HasKey(t => t.Jti);
        builder.Property(t => t.Jti).HasColumnName("jti").HasMaxLength(64);
        builder.Property(t => t.ClientId).HasColumnName("client_id").HasMaxLength(64);
        builder.Property(t => t.ExpiresAt).HasColumnName("expires_at");
        builder.Property(t => t.RevokedAt).HasColumnName("revoked_at");
        builder.HasIndex(t => t.ExpiresAt);
    }
}
