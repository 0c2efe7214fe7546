using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hub.Identity.Data.Migrations;

/// <summary>A client's tokens issued before <c>tokens_not_before</c> are refused (set when it loses a scope).</summary>
[DbContext(typeof(IdentityContext))]
[Migration("20261206130000_ClientTokensNotBefore")]
public sealed class ClientTokensNotBefore : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE clients ADD COLUMN tokens_not_before timestamptz NULL;");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE clients DROP COLUMN tokens_not_before;");
}
