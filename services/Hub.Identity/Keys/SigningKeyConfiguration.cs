using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Identity.Keys;

public sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.ToTable("signing_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasColumnName("id").HasMaxLength(64);
        builder.Property(k => k.CreatedAt).HasColumnName("created_at");
        builder.Property(k => k.SignsFrom).HasColumnName("signs_from");
        builder.Property(k => k.SignsUntil).HasColumnName("signs_until");
        builder.Property(k => k.PublishedUntil).HasColumnName("published_until");
        builder.Property(k => k.ProtectedPrivateKey).HasColumnName("protected_private_key");
        builder.Property(k => k.X).HasColumnName("x").HasMaxLength(64);
        builder.Property(k => k.Y).HasColumnName("y").HasMaxLength(64);
    }
}
