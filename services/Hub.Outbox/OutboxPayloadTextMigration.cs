using Microsoft.EntityFrameworkCore.Migrations;

namespace Hub.Outbox;

/// <summary>
/// Outbox payloads as text compressed with lz4 rather than jsonb. Nothing queries inside them, and
/// an event carries up to a batch of records (hundreds of kilobytes), which PostgreSQL parsed into
/// jsonb on the way in, printed again for the relay, and compressed with its slower default: about
/// a tenth of this machine's CPU at a full ingest rate. Each service with an outbox derives its own
/// migration from this one.
/// </summary>
public abstract class OutboxPayloadTextMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql($"ALTER TABLE {OutboxMessageConfiguration.Table} ALTER COLUMN payload TYPE text, ALTER COLUMN payload SET COMPRESSION lz4;");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql($"ALTER TABLE {OutboxMessageConfiguration.Table} ALTER COLUMN payload TYPE jsonb USING payload::jsonb, ALTER COLUMN payload SET COMPRESSION default;");
    }
}
