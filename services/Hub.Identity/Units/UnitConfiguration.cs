using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Identity.Units;

public sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        builder.ToTable("units");
        builder.HasKey(u => u.Code);
        builder.Property(u => u.Code).HasColumnName("code").HasMaxLength(32);
        builder.Property(u => u.ParentCode).HasColumnName("parent_code").HasMaxLength(32);
        builder.Property(u => u.Level).HasColumnName("level").HasMaxLength(16);
        builder.Property(u => u.Name).HasColumnName("name").HasMaxLength(200);
        builder.HasIndex(u => u.ParentCode);
        builder.HasOne<Unit>().WithMany().HasForeignKey(u => u.ParentCode).OnDelete(DeleteBehavior.Restrict);
    }
}
