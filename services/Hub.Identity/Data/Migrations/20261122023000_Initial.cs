using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hub.Identity.Data.Migrations;

/// <summary>
/// The identity schema. Written by hand: Microsoft.EntityFrameworkCore.Design does not restore on
/// the project's feed (Mono.TextTemplating is absent), so `dotnet ef migrations add` cannot run.
/// The SQL mirrors the entity configurations column for column; the tests run every table.
/// </summary>
[DbContext(typeof(IdentityContext))]
[Migration("20261122023000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE units (
                code varchar(32) PRIMARY KEY,
                parent_code varchar(32) NULL REFERENCES units (code) ON DELETE RESTRICT,
                level varchar(16) NOT NULL,
                name varchar(200) NOT NULL);
            CREATE INDEX ix_units_parent_code ON units (parent_code);

            CREATE TABLE tenants (
                id varchar(64) PRIMARY KEY,
                name varchar(200) NOT NULL,
                kind varchar(16) NOT NULL,
                unit_code varchar(32) NOT NULL REFERENCES units (code) ON DELETE RESTRICT,
                created_at timestamptz NOT NULL);
            CREATE INDEX ix_tenants_unit_code ON tenants (unit_code);

            CREATE TABLE clients (
                id varchar(64) PRIMARY KEY,
                tenant_id varchar(64) NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
                name varchar(200) NOT NULL,
                scopes varchar(500) NOT NULL,
                enabled boolean NOT NULL,
                created_at timestamptz NOT NULL);
            CREATE INDEX ix_clients_tenant_id ON clients (tenant_id);

            CREATE TABLE client_secrets (
                id uuid PRIMARY KEY,
                client_id varchar(64) NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
                salt varchar(64) NOT NULL,
                hash varchar(128) NOT NULL,
                prefix varchar(16) NOT NULL,
                created_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL,
                revoked_at timestamptz NULL);
            CREATE INDEX ix_client_secrets_client_id ON client_secrets (client_id);

            CREATE TABLE signing_keys (
                id varchar(64) PRIMARY KEY,
                created_at timestamptz NOT NULL,
                signs_from timestamptz NOT NULL,
                signs_until timestamptz NOT NULL,
                published_until timestamptz NOT NULL,
                protected_private_key text NOT NULL,
                x varchar(64) NOT NULL,
                y varchar(64) NOT NULL);

            CREATE TABLE data_protection_keys (
                id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                friendly_name varchar(200) NULL,
                xml text NOT NULL);

            CREATE TABLE revoked_tokens (
                jti varchar(64) PRIMARY KEY,
                client_id varchar(64) NOT NULL,
                expires_at timestamptz NOT NULL,
                revoked_at timestamptz NOT NULL);
            CREATE INDEX ix_revoked_tokens_expires_at ON revoked_tokens (expires_at);

            CREATE TABLE outbox_messages (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                message_type text NOT NULL,
                payload jsonb NOT NULL,
                created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                sent_at timestamptz NULL);
            CREATE INDEX ix_outbox_messages_pending ON outbox_messages (id) WHERE sent_at IS NULL;
            CREATE INDEX ix_outbox_messages_sent_at ON outbox_messages (sent_at);

            CREATE TABLE audit_log (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at timestamptz NOT NULL,
                actor varchar(64) NOT NULL,
                action varchar(64) NOT NULL,
                target varchar(200) NOT NULL,
                address varchar(64) NULL,
                before jsonb NULL,
                after jsonb NULL);
            CREATE INDEX ix_audit_log_target ON audit_log (target);

            -- The audit log is append-only even for the service's own role.
            CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_log is append-only';
            END $$;
            CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
                FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TABLE audit_log; DROP FUNCTION audit_log_append_only();
            DROP TABLE outbox_messages; DROP TABLE revoked_tokens; DROP TABLE data_protection_keys;
            DROP TABLE signing_keys; DROP TABLE client_secrets; DROP TABLE clients;
            DROP TABLE tenants; DROP TABLE units;
            """);
    }
}
