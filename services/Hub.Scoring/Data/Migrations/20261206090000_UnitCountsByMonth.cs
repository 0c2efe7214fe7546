using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hub.Scoring.Data.Migrations;

/// <summary>
/// Own counts per month only, with the split figures a quarter or year is added up from (see
/// Engine/SubtreeSums): each dossier is judged once per month it spans instead
/// of again for its quarter and year. Counts are integers: PostgreSQL adds integers into a bigint,
/// bigints into a slower numeric. The table is rebuilt, so every target scored so far is marked
/// dirty and its months are counted again by the next rounds. Deploy it with every older replica
/// stopped: an older round would write rows of the old shape.
/// </summary>
[DbContext(typeof(ScoringDbContext))]
[Migration("20261206090000_UnitCountsByMonth")]
public sealed class UnitCountsByMonth : Migration
{
    private const string MarkScored = """
        INSERT INTO dirty_targets (unit_code, period_kind, period_start, marked_seq)
        SELECT unit_code, period_kind, period_start, nextval('dirty_mark_seq') FROM current_scores
        ORDER BY 1, 2, 3
        ON CONFLICT (unit_code, period_kind, period_start) DO UPDATE SET marked_seq = excluded.marked_seq;
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(Table(
            "received", "handled", "on_time_ended", "on_time_open", "finished", "online_channel", "online", "fee_data",
            "fee_bearing", "paid_online", "paper_finished", "paper_electronic", "digitised_settled", "awaiting_month",
            "awaiting_quarter", "awaiting_year", "reused", "personal_store", "population_data", "satisfactory_ended",
            "satisfactory_open", "full_online", "full_online_eligible") + MarkScored);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(Table(
            "received", "handled", "on_time", "finished", "online_channel", "online", "fee_data", "fee_bearing", "paid_online",
            "paper_finished", "paper_electronic", "digitised", "reused", "personal_store", "population_data", "satisfactory",
            "full_online", "full_online_eligible") + MarkScored);
    }

    private static string Table(params string[] counts) => $"""
        DROP TABLE unit_counts;
        CREATE TABLE unit_counts (
            unit_code text NOT NULL,
            period_kind smallint NOT NULL,
            period_start date NOT NULL,
            procedure_code text NOT NULL,
            handling_hours numeric NOT NULL,
            {string.Join(",\n    ", counts.Select(c => $"{c} integer NOT NULL"))},
            PRIMARY KEY (unit_code, period_kind, period_start, procedure_code));

        """;
}
