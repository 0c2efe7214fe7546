using Hub.Common.V1;
using Hub.Dossiers.Tests.Infrastructure;
using Hub.Testing;
using Hub.Dossiers.V1;

namespace Hub.Dossiers.Tests;

/// <summary>
/// Property: whatever order versions of the same records arrive in (split across batches,
/// repeated, pushed by concurrent clients), the highest version is stored and exactly one event
/// goes out per accepted change. Deterministic seeds, so a failure replays.
/// </summary>
public sealed class VersionInterleavingTests(SyncFixture fixture) : IClassFixture<SyncFixture>
{
    [Theory]
    [InlineData(766)]
    [InlineData(2022)]
    [InlineData(13)]
    public async Task Any_interleaving_stores_the_highest_version_and_one_event_per_accepted_change(int seed)
    {
        var random = new Random(seed);
        var prefix = Samples.Prefix();
        var keys = Enumerable.Range(0, 20).Select(i => $"{prefix}-{i:D2}").ToArray();
        var sends = keys
            .SelectMany(key => Enumerable.Range(1, random.Next(1, 7)).SelectMany(version => Enumerable.Repeat((key, (long)version), random.Next(1, 3))))
            .OrderBy(_ => random.Next())
            .ToList();
        var batches = new List<List<(string Key, long Version)>>();
        for (var at = 0; at < sends.Count;)
        {
            var size = Math.Min(random.Next(1, 16), sends.Count - at);
            batches.Add(sends.GetRange(at, size));
            at += size;
        }

        // Three concurrent clients, each taking the next batch when its previous one is answered.
        var accepted = new System.Collections.Concurrent.ConcurrentBag<(string, long)>();
        var next = -1;
        var lanes = Enumerable.Range(0, 3).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < batches.Count; i = Interlocked.Increment(ref next))
            {
                var batch = batches[i];
                var reply = await fixture.Server.Channel.UnaryAsync(
                    DossierMethods.Upsert, Samples.Batch([.. batch.Select(s => Samples.Dossier(s.Key, s.Version))]), fixture.Hanoi());
                for (var r = 0; r < batch.Count; r++)
                {
                    Assert.NotEqual(RecordStatus.Rejected, reply.Results[r].Status);
                    if (reply.Results[r].Status == RecordStatus.Accepted)
                    {
                        accepted.Add(batch[r]);
                    }
                }
            }
        });
        await Task.WhenAll(lanes);

        var acceptedChanges = accepted.ToList();
        Assert.Equal(acceptedChanges.Count, acceptedChanges.Distinct().Count());
        foreach (var key in keys)
        {
            var highest = sends.Where(s => s.Item1 == key).Max(s => s.Item2);
            Assert.Equal(highest, await fixture.ScalarAsync($"SELECT version FROM dossiers WHERE code = '{key}'"));
            Assert.Contains((key, highest), acceptedChanges);
        }
        Assert.True(await Eventually.HoldsAsync(() => fixture.Events.CountWithPrefix(prefix) >= acceptedChanges.Count, TimeSpan.FromSeconds(30)));
        var events = fixture.Events.Received.Where(e => e.Key.Code.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(acceptedChanges.Order(), events.Select(e => e.Key).Order());
        Assert.All(events, e => Assert.Equal(1, e.Value));
    }
}
