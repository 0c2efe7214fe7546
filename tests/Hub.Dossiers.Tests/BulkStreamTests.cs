using Hub.Common.V1;
using Hub.Dossiers.Tests.Infrastructure;
using Hub.Testing;
using Hub.Dossiers.V1;

namespace Hub.Dossiers.Tests;

public sealed class BulkStreamTests(SyncFixture fixture) : IClassFixture<SyncFixture>
{
    private const int Batches = 100;
    private const int BatchSize = 1000;

    [Fact]
    public async Task A_bulk_stream_of_100000_dossiers_stores_every_one_and_publishes_every_event()
    {
        var prefix = Samples.Prefix();
        var template = Samples.Dossier("template");
        using var call = fixture.Server.Channel.DuplexStreaming(DossierMethods.Stream, fixture.Hanoi());
        await using var replies = call.ReadAllAsync().GetAsyncEnumerator();

        var accepted = 0;
        for (var b = 0; b < Batches; b++)
        {
            var request = new UpsertDossiersRequest { BatchId = b.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            for (var i = 0; i < BatchSize; i++)
            {
                var dossier = template.Clone();
                dossier.Code = $"{prefix}-{b:D3}-{i:D4}";
                request.Dossiers.Add(dossier);
            }
            await call.RequestStream.WriteAsync(request);
            Assert.True(await replies.MoveNextAsync());
            Assert.Equal(request.BatchId, replies.Current.BatchId);
            accepted += replies.Current.Results.Count(r => r.Status == RecordStatus.Accepted);
        }
        await call.RequestStream.CompleteAsync();
        Assert.False(await replies.MoveNextAsync());

        Assert.Equal(Batches * BatchSize, accepted);
        Assert.Equal(Batches * BatchSize, await fixture.ScalarAsync($"SELECT count(*) FROM dossiers WHERE code LIKE '{prefix}%'"));
        Assert.True(await Eventually.HoldsAsync(() => fixture.Events.CountWithPrefix(prefix) == Batches * BatchSize, TimeSpan.FromSeconds(120)),
            $"the consumer received {fixture.Events.CountWithPrefix(prefix)} of {Batches * BatchSize} dossiers");
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"));
    }
}
