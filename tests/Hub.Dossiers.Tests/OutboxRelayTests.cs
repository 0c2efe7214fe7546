using System.Text.Json;
using Hub.Contracts.Sync;
using Hub.Dossiers.Tests.Infrastructure;
using Hub.Outbox;
using Hub.Testing;
using Npgsql;

namespace Hub.Dossiers.Tests;

/// <summary>The relay publishes each event as the JSON stored in its outbox row, wrapped for MassTransit consumers.</summary>
public sealed class OutboxRelayTests(SyncFixture fixture) : IClassFixture<SyncFixture>
{
    [Fact]
    public async Task An_event_another_replica_wrote_reaches_consumers_from_its_stored_payload()
    {
        // Written straight into the table, as another replica would: this process has no copy of
        // the event in memory, so the relay reads the row's payload.
        var code = Samples.Prefix();
        var received = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.FromHours(7));
        var state = new DossierState(code, 7, "00004", "1.001234", 1, 3, 1, null, received, received.AddDays(5), null, null,
            [new DossierStatusChange(1, received)], [], [], [], [], true, false, 0, false);
        var payload = JsonSerializer.Serialize(new DossiersChanged([state]), EventCatalog.Json);

        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO outbox_messages (message_type, payload) VALUES (@type, @payload); NOTIFY {OutboxWriter.Channel}", connection);
            insert.Parameters.AddWithValue("type", EventCatalog.UrnOf(typeof(DossiersChanged)));
            insert.Parameters.AddWithValue("payload", payload);
            await insert.ExecuteNonQueryAsync();
        }

        Assert.True(await Eventually.HoldsAsync(() => fixture.Events.Received.ContainsKey((code, 7)), TimeSpan.FromSeconds(30)),
            "the consumer never received the stored event");
        Assert.True(await Eventually.HoldsAsync(async () => await fixture.ScalarAsync(
            $"SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND payload LIKE '%{code}%'") == 0, TimeSpan.FromSeconds(30)));
        Assert.Equal(1, fixture.Events.CountWithPrefix(code));
    }
}
