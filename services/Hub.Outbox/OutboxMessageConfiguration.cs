using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Outbox;

/// <summary>The outbox table, the same in every sync service's database (the relay's SQL relies on these names).</summary>
public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public const string Table = "outbox_messages";

    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(Table);
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(m => m.MessageType).HasColumnName("message_type").IsRequired();
        builder.Property(m => m.Payload).HasColumnName("payload").HasColumnType("text").IsRequired();
        builder.Property(m => m.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("clock_timestamp()");
        builder.Property(m => m.SentAt).HasColumnName("sent_at");
        // The relay only ever scans pending rows; a partial index keeps that scan small however many sent rows wait for clean-up.
        builder.HasIndex(m => m.Id).HasDatabaseName("ix_outbox_messages_pending").HasFilter("sent_at IS NULL");
        builder.HasIndex(m => m.SentAt).HasDatabaseName("ix_outbox_messages_sent_at");
    }
}
