using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hub.Scoring.Data.Migrations;

/// <summary>
/// The transaction that wrote each snapshot, so that WatchScores can read new snapshots in an
/// order that commits cannot overtake (see Grpc/ScoreStore). Snapshot ids cannot serve: they are
/// taken before commit, so a lower id may become visible after a higher one. The default fills
/// the column on every insert, so the snapshot writer needs no change; existing rows get this
/// migration's transaction, which has ended before any watch starts.
/// </summary>
[DbContext(typeof(ScoringDbContext))]
[Migration("20261123090000_SnapshotWriters")]
public sealed class SnapshotWriters : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            ALTER TABLE score_snapshots ADD COLUMN writer_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
            CREATE INDEX ix_score_snapshots_writer_xid ON score_snapshots (writer_xid);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("ALTER TABLE score_snapshots DROP COLUMN writer_xid;");
    }
}
