using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hub.Catalogue.Data.Migrations;

/// <summary>
/// Written by hand (see CatalogueDbContext): the tables of the entity configurations, with the
/// column names the sync pipeline's SQL relies on.
/// </summary>
[DbContext(typeof(CatalogueDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            CREATE TABLE procedures (
                code text PRIMARY KEY,
                version bigint NOT NULL,
                unit_code text NOT NULL,
                name text NOT NULL,
                status smallint NOT NULL,
                online_service_level smallint NOT NULL,
                publication_decision_at timestamptz,
                made_public_at timestamptz,
                record bytea NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now());
            CREATE INDEX ix_procedures_unit_code_code ON procedures (unit_code, code);

            CREATE TABLE outbox_messages (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                message_type text NOT NULL,
                payload jsonb NOT NULL,
                created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                sent_at timestamptz);
            CREATE INDEX ix_outbox_messages_pending ON outbox_messages (id) WHERE sent_at IS NULL;
            CREATE INDEX ix_outbox_messages_sent_at ON outbox_messages (sent_at);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("DROP TABLE outbox_messages; DROP TABLE procedures;");
    }
}
