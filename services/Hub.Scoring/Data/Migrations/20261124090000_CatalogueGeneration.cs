using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hub.Scoring.Data.Migrations;

/// <summary>
/// A counter that every catalogue change raises in the statement that applies it. A procedure feeds
/// the scores of any unit, so its change marks the targets it can see; a target that a concurrent
/// dossier event creates after that statement's snapshot is invisible to it. A round that read the
/// counter before such a change sees it raised when it completes, and keeps its marks (see
/// Engine/DirtyTargets).
/// </summary>
[DbContext(typeof(ScoringDbContext))]
[Migration("20261124090000_CatalogueGeneration")]
public sealed class CatalogueGeneration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            CREATE TABLE catalogue_generation (
                id smallint PRIMARY KEY CHECK (id = 1),
                seq bigint NOT NULL);
            INSERT INTO catalogue_generation VALUES (1, 0);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("DROP TABLE catalogue_generation;");
    }
}
