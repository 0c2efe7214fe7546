using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hub.Dossiers.Data.Migrations;

/// <summary>
/// Written by hand (see DossiersDbContext): the tables of the entity configurations, with the
/// column names the sync pipeline's SQL relies on.
/// </summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            CREATE TABLE dossiers (
                code text PRIMARY KEY,
                version bigint NOT NULL,
                unit_code text NOT NULL,
                procedure_code text NOT NULL,
                status smallint NOT NULL,
                channel smallint NOT NULL,
                received_at timestamptz NOT NULL,
                due_at timestamptz,
                finished_at timestamptz,
                returned_at timestamptz,
                applicant_hash text,
                record bytea NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now());
            CREATE INDEX ix_dossiers_unit_code_code ON dossiers (unit_code, code);

            CREATE TABLE feedback (
                id text PRIMARY KEY,
                version bigint NOT NULL,
                unit_code text NOT NULL,
                dossier_code text,
                received_at timestamptz NOT NULL,
                record bytea NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now());
            CREATE INDEX ix_feedback_unit_code_id ON feedback (unit_code, id);

            CREATE TABLE period_totals (
                key text PRIMARY KEY,
                version bigint NOT NULL,
                unit_code text NOT NULL,
                period_kind smallint NOT NULL,
                period_start timestamptz NOT NULL,
                dossiers_received bigint NOT NULL,
                record bytea NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now());

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
        migrationBuilder.Sql("DROP TABLE outbox_messages; DROP TABLE period_totals; DROP TABLE feedback; DROP TABLE dossiers;");
    }
}
