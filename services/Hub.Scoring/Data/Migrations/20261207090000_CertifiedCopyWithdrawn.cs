using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hub.Scoring.Data.Migrations;

/// <summary>
/// A certified copy's row may hold a newer version that is no longer a certified copy (commune and
/// issue date null): the document keeps its version, so an older version delivered late is
/// refused instead of counting the copy again.
/// </summary>
[DbContext(typeof(ScoringDbContext))]
[Migration("20261207090000_CertifiedCopyWithdrawn")]
public sealed class CertifiedCopyWithdrawn : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            ALTER TABLE certified_copy_facts ALTER COLUMN commune_code DROP NOT NULL, ALTER COLUMN issued_at DROP NOT NULL;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            DELETE FROM certified_copy_facts WHERE commune_code IS NULL OR issued_at IS NULL;
            ALTER TABLE certified_copy_facts ALTER COLUMN commune_code SET NOT NULL, ALTER COLUMN issued_at SET NOT NULL;
            """);
    }
}
