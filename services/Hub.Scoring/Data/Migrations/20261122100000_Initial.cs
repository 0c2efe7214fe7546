using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hub.Scoring.Data.Migrations;

/// <summary>
/// Written by hand (Microsoft.EntityFrameworkCore.Design does not restore here). Reference data
/// (units and their closure, the calendar) is reloaded from the shipped files at start-up; facts
/// are fed by events; snapshots keep their history.
/// </summary>
[DbContext(typeof(ScoringDbContext))]
[Migration("20261122100000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            CREATE TABLE units (
                code text PRIMARY KEY,
                parent text,
                level text NOT NULL,
                name text NOT NULL);
            CREATE TABLE unit_closure (
                ancestor text NOT NULL,
                descendant text NOT NULL,
                depth integer NOT NULL,
                PRIMARY KEY (ancestor, descendant));
            CREATE INDEX ix_unit_closure_descendant ON unit_closure (descendant, ancestor);

            -- Every local day of the covered years; working_ordinal counts working days up to and
            -- including the day, so a non-working day shares the ordinal of the working day before it.
            CREATE TABLE calendar_days (
                day date PRIMARY KEY,
                working boolean NOT NULL,
                working_ordinal integer NOT NULL);
            CREATE INDEX ix_calendar_days_working_ordinal ON calendar_days (working_ordinal) WHERE working;

            -- n working days after (or, for negative n, before) a local day, at the same time of day;
            -- null outside the calendar.
            CREATE FUNCTION add_working_days(ts timestamptz, n integer) RETURNS timestamptz
            LANGUAGE sql STABLE PARALLEL SAFE AS $$
                SELECT (target.day + (ts AT TIME ZONE 'Asia/Ho_Chi_Minh')::time) AT TIME ZONE 'Asia/Ho_Chi_Minh'
                FROM calendar_days origin
                JOIN calendar_days target ON target.working AND target.working_ordinal = origin.working_ordinal + n
                WHERE origin.day = (ts AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
            $$;

            CREATE TABLE dossier_facts (
                code text PRIMARY KEY,
                version bigint NOT NULL,
                unit_code text NOT NULL,
                procedure_code text NOT NULL,
                channel smallint NOT NULL,
                status smallint NOT NULL,
                received_at timestamptz NOT NULL,
                due_at timestamptz,
                terminal_at timestamptz,
                terminal_status smallint,
                supplement_count integer NOT NULL,
                supplement_wait_seconds double precision NOT NULL,
                open_supplement_at timestamptz,
                fee_data boolean NOT NULL,
                fee_bearing boolean NOT NULL,
                paid_online boolean NOT NULL,
                electronic_result boolean NOT NULL,
                result_digitised boolean NOT NULL,
                components_digitised boolean NOT NULL,
                reused boolean NOT NULL,
                personal_store boolean NOT NULL,
                population_data boolean NOT NULL,
                negative_rating boolean NOT NULL,
                complaint boolean NOT NULL);
            CREATE INDEX ix_dossier_facts_unit_received ON dossier_facts (unit_code, received_at);

            CREATE TABLE procedure_facts (
                code text PRIMARY KEY,
                version bigint NOT NULL,
                unit_code text NOT NULL,
                active boolean NOT NULL,
                online_level smallint NOT NULL,
                full_online_eligible boolean NOT NULL,
                paper_result boolean NOT NULL,
                fee_bearing boolean NOT NULL,
                citizen_subject boolean NOT NULL,
                content_full boolean NOT NULL,
                legal_effective_at timestamptz,
                publication_decision_at timestamptz,
                made_public_at timestamptz,
                processing_time integer NOT NULL,
                processing_time_unit smallint NOT NULL);
            CREATE INDEX ix_procedure_facts_unit ON procedure_facts (unit_code);

            CREATE TABLE feedback_facts (
                id text PRIMARY KEY,
                version bigint NOT NULL,
                unit_code text NOT NULL,
                kind smallint NOT NULL,
                received_at timestamptz NOT NULL,
                deadline_at timestamptz,
                handled_at timestamptz,
                outcome smallint NOT NULL,
                dissatisfied boolean NOT NULL,
                re_raised boolean NOT NULL);
            CREATE INDEX ix_feedback_facts_unit_received ON feedback_facts (unit_code, received_at);

            CREATE TABLE declared_totals (
                key text PRIMARY KEY,
                version bigint NOT NULL,
                unit_code text NOT NULL,
                period_kind smallint NOT NULL,
                period_start date NOT NULL,
                dossiers_received bigint NOT NULL);
            CREATE INDEX ix_declared_totals_unit_period ON declared_totals (unit_code, period_kind, period_start);

            -- Electronic certified copies by issuing commune, fed by digitisation events.
            CREATE TABLE certified_copy_facts (
                document_id text PRIMARY KEY,
                version bigint NOT NULL,
                commune_code text NOT NULL,
                issued_at timestamptz NOT NULL);
            CREATE INDEX ix_certified_copy_facts_commune ON certified_copy_facts (commune_code, issued_at);

            -- (unit, period) pairs whose facts changed since their last snapshot. marked_seq grows
            -- with every mark, so a recompute removes only the marks it has seen.
            CREATE SEQUENCE dirty_mark_seq;
            CREATE TABLE dirty_targets (
                unit_code text NOT NULL,
                period_kind smallint NOT NULL,
                period_start date NOT NULL,
                marked_seq bigint NOT NULL,
                claimed_until timestamptz,
                PRIMARY KEY (unit_code, period_kind, period_start));

            CREATE TABLE score_snapshots (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                unit_code text NOT NULL,
                period_kind smallint NOT NULL,
                period_start date NOT NULL,
                rule_set text NOT NULL,
                computed_at timestamptz NOT NULL,
                evaluated_at timestamptz NOT NULL,
                total double precision NOT NULL,
                classification text NOT NULL,
                score jsonb NOT NULL);
            CREATE INDEX ix_score_snapshots_unit_period ON score_snapshots (unit_code, period_kind, period_start, id);
            CREATE INDEX ix_score_snapshots_computed_at ON score_snapshots (computed_at);

            -- The latest snapshot of each (unit, period): what rankings and breakdowns read.
            CREATE TABLE current_scores (
                unit_code text NOT NULL,
                period_kind smallint NOT NULL,
                period_start date NOT NULL,
                unit_level text NOT NULL,
                snapshot_id bigint NOT NULL REFERENCES score_snapshots (id),
                rule_set text NOT NULL,
                total double precision NOT NULL,
                classification text NOT NULL,
                computed_at timestamptz NOT NULL,
                content_hash text NOT NULL,
                source_seq bigint NOT NULL,
                PRIMARY KEY (unit_code, period_kind, period_start));
            CREATE INDEX ix_current_scores_ranking ON current_scores (period_kind, period_start, unit_level, total DESC);

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
        migrationBuilder.Sql("""
            DROP TABLE outbox_messages; DROP TABLE current_scores; DROP TABLE score_snapshots;
            DROP TABLE dirty_targets; DROP SEQUENCE dirty_mark_seq; DROP TABLE certified_copy_facts;
            DROP TABLE declared_totals; DROP TABLE feedback_facts; DROP TABLE procedure_facts;
            DROP TABLE dossier_facts; DROP FUNCTION add_working_days(timestamptz, integer);
            DROP TABLE calendar_days; DROP TABLE unit_closure; DROP TABLE units;
            """);
    }
}
