using Hub.Outbox;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hub.Dossiers.Data.Migrations;

/// <summary>Outbox payloads as lz4-compressed text (see <see cref="OutboxPayloadTextMigration"/>).</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261206100000_OutboxPayloadText")]
public sealed class OutboxPayloadText : OutboxPayloadTextMigration;
