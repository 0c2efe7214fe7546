using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hub.Scoring.Data.Migrations;

/// <summary>
/// Each unit's own dossier counts per period and procedure: the dossiers the unit itself received
/// or handled, judged once. A round refreshes the rows of the dirty (unit, period) pairs it reaches
/// and adds up the rest, so a change in one commune no longer re-reads the dossiers of the whole
/// nation (see Engine/CounterQuery). Every target scored so far is marked dirty here, so that the
/// rows are built before any round adds them up. Deploy it with every older replica stopped: an
/// older round would clear those marks without building the rows.
/// </summary>
[DbContext(typeof(ScoringDbContext))]
[Migration("20261125090000_UnitCounts")]
public sealed class UnitCounts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            CREATE TABLE unit_counts (
                unit_code text NOT NULL,
                period_kind smallint NOT NULL,
                period_start date NOT NULL,
                procedure_code text NOT NULL,
                received bigint NOT NULL,
                handled bigint NOT NULL,
                on_time bigint NOT NULL,
                finished bigint NOT NULL,
                handling_hours numeric NOT NULL,
                online_channel bigint NOT NULL,
                online bigint NOT NULL,
                fee_data bigint NOT NULL,
                fee_bearing bigint NOT NULL,
                paid_online bigint NOT NULL,
                paper_finished bigint NOT NULL,
                paper_electronic bigint NOT NULL,
                digitised bigint NOT NULL,
                reused bigint NOT NULL,
                personal_store bigint NOT NULL,
                population_data bigint NOT NULL,
                satisfactory bigint NOT NULL,
                full_online bigint NOT NULL,
                full_online_eligible bigint NOT NULL,
                PRIMARY KEY (unit_code, period_kind, period_start, procedure_code));
            INSERT INTO dirty_targets (unit_code, period_kind, period_start, marked_seq)
            SELECT unit_code, period_kind, period_start, nextval('dirty_mark_seq') FROM current_scores
            ORDER BY 1, 2, 3
            ON CONFLICT (unit_code, period_kind, period_start) DO UPDATE SET marked_seq = excluded.marked_seq;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("DROP TABLE unit_counts;");
    }
}
