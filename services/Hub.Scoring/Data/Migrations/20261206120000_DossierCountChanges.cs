using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hub.Scoring.Data.Migrations;

/// <summary>
/// Own counts kept up to date by each dossier change instead of counting its months again (see
/// Engine/OwnCounter): a dossier's new version is added to the counts and the version it
/// replaces taken away.
/// <list type="bullet">
/// <item><c>dossier_facts.changed_at</c>: when the fact writer applied the version.</item>
/// <item><c>dossier_count_changes</c>: the versions replaced (sign −1) and applied (+1) since the last
/// round, in the columns of dossier_facts and in their order.</item>
/// <item><c>counted_months</c>: when each (unit, month) was last counted from the facts. A dossier
/// counts in a month as judged at its own change or at that count, whichever is later (never past
/// the month's end), so a version taken away weighs exactly what it weighed when it was added. With
/// it, the oldest catalogue generation the month's counts were made with: a month counted before
/// the catalogue, calendar or unit tree changed is counted again when a round next reaches it.</item>
/// <item><c>dirty_targets.recount_seq</c>: the mark that asks for a month's own counts to be counted
/// again from the facts (time passing, a full recompute); null when the dossier changes are enough.</item>
/// </list>
/// Every target scored so far is marked to be counted again, since the stored counts carry no
/// count time. Deploy it with older replicas stopped, as their rounds do not read the changes.
/// </summary>
[DbContext(typeof(ScoringDbContext))]
[Migration("20261206120000_DossierCountChanges")]
public sealed class DossierCountChanges : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            ALTER TABLE dossier_facts ADD COLUMN changed_at timestamptz NOT NULL DEFAULT now();
            CREATE TABLE dossier_count_changes (LIKE dossier_facts, sign smallint NOT NULL);
            CREATE TABLE counted_months (
                unit_code text NOT NULL,
                period_start date NOT NULL,
                counted_at timestamptz NOT NULL,
                generation bigint NOT NULL,
                PRIMARY KEY (unit_code, period_start));
            ALTER TABLE dirty_targets ADD COLUMN recount_seq bigint;
            UPDATE dirty_targets SET recount_seq = marked_seq;
            INSERT INTO dirty_targets (unit_code, period_kind, period_start, marked_seq, recount_seq)
            SELECT unit_code, period_kind, period_start, seq, seq
            FROM (SELECT unit_code, period_kind, period_start, nextval('dirty_mark_seq') AS seq FROM current_scores ORDER BY 1, 2, 3) s
            ON CONFLICT (unit_code, period_kind, period_start) DO UPDATE SET marked_seq = excluded.marked_seq, recount_seq = excluded.marked_seq;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            ALTER TABLE dirty_targets DROP COLUMN recount_seq;
            DROP TABLE counted_months;
            DROP TABLE dossier_count_changes;
            ALTER TABLE dossier_facts DROP COLUMN changed_at;
            """);
    }
}
