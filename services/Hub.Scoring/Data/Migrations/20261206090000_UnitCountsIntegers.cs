using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hub.Scoring.Data.Migrations;

/// <summary>
/// Own counts as integers: a (unit, period, procedure) row never nears two billion dossiers, and
/// PostgreSQL adds integers into a bigint where it adds bigints into a numeric, which made adding
/// up a province's subtree about 1.6 times slower. The values are unchanged.
/// </summary>
[DbContext(typeof(ScoringDbContext))]
[Migration("20261206090000_UnitCountsIntegers")]
public sealed class UnitCountsIntegers : Migration
{
    private static readonly string[] CountColumns =
    [
        "received", "handled", "on_time", "finished", "online_channel", "online", "fee_data", "fee_bearing", "paid_online",
        "paper_finished", "paper_electronic", "digitised", "reused", "personal_store", "population_data", "satisfactory",
        "full_online", "full_online_eligible",
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(AlterCounts("integer"));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(AlterCounts("bigint"));
    }

    private static string AlterCounts(string type) =>
        "ALTER TABLE unit_counts " + string.Join(", ", CountColumns.Select(c => $"ALTER COLUMN {c} TYPE {type}")) + ";";
}
