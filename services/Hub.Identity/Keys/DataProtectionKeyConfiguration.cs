using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Identity.Keys;

public sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("data_protection_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(k => k.FriendlyName).HasColumnName("friendly_name").HasMaxLength(200);
        builder.Property(k => k.Xml).HasColumnName("xml");
    }
}
