using Hub.Contracts.Sync;
using Hub.Scoring.Engine;
using Hub.Scoring.Periods;
using Hub.Scoring.Tests.Infrastructure;
using static Hub.Scoring.Tests.Infrastructure.RecordVariations;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Consistency;

/// <summary>A service whose claims lapse after 3 s, so a round cut short by a stop is taken up again soon.</summary>
public sealed class RestartFixture : ScoringHost
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Scoring:ClaimLease"] = "00:00:03",
    };
}

/// <summary>
/// The service is stopped while events are being published and started again (same database, same
/// durable queues): the events published meanwhile wait on the broker, those in flight are redelivered,
/// and the final counters equal the dataset's true counts, computed here from the records themselves.
/// </summary>
[Collection(ConsistencyGroup.Name)]
public sealed class RestartTests(RestartFixture host) : IClassFixture<RestartFixture>
{
    private const int DossierCount = 1500;
    private const int FeedbackCount = 150;
    private const int PerMessage = 25;
    private static readonly string[] Units = ["26734", "26737", "79-STP", "79", "00004", "01"];

    private sealed record Dataset(List<DossierState> Dossiers, List<FeedbackState> Feedback, List<object> Messages);

    /// <summary>
    /// Every dossier in two versions (v1 finished late; v2 most often finished on another day, sometimes
    /// online, paid, or moved to another unit), every feedback in two; batched, shuffled and partly
    /// duplicated. Every scoring service on the broker consumes these events, so every version is
    /// received and ended between May and August 2023, where no other test looks.
    /// </summary>
    private static Dataset Generate()
    {
        var random = new Random(766);
        var start = Local(2023, 5, 1, 0);
        var v1 = new List<DossierState>();
        var v2 = new List<DossierState>();
        for (var i = 0; i < DossierCount; i++)
        {
            var received = start.AddMinutes(random.Next(0, 61 * 24 * 60));
            var due = received.AddDays(random.Next(3, 13));
            var first = Dossier($"RS-{i:D5}", unit: Units[random.Next(Units.Length)], received: received).Due(due).FinishedAt(due.AddDays(2));
            var second = Dossier(first.Code, unit: first.UnitCode, version: 2, received: received).Due(due)
                .FinishedAt(received.AddHours(random.Next(2, 15 * 24)));
            if (random.NextDouble() < 0.4)
            {
                second = second.Online();
            }
            if (random.NextDouble() < 0.3)
            {
                second = second.WithFee(20_000, random.NextDouble() < 0.5 ? PaymentNationalPortal : PaymentNotOnline, received);
            }
            if (random.NextDouble() < 0.1)
            {
                second = second with { UnitCode = Units[random.Next(Units.Length)] };
            }
            v1.Add(first);
            v2.Add(second);
        }
        var f1 = new List<FeedbackState>();
        var f2 = new List<FeedbackState>();
        for (var i = 0; i < FeedbackCount; i++)
        {
            var received = start.AddMinutes(random.Next(0, 61 * 24 * 60));
            var first = Feedback($"RSF-{i:D4}", Units[random.Next(Units.Length)], received: received) with { Outcome = 4, HandledAt = received.AddDays(30) };
            f1.Add(first);
            f2.Add(random.NextDouble() < 0.7 ? first with { Version = 2, HandledAt = received.AddDays(random.Next(1, 30)) } : first with { Version = 2, Kind = 2 });
        }
        var messages = new List<object>();
        messages.AddRange(v1.Chunk(PerMessage).Select(c => new DossiersChanged(c)));
        messages.AddRange(v2.Chunk(PerMessage).Select(c => new DossiersChanged(c)));
        messages.AddRange(f1.Chunk(PerMessage).Select(c => new FeedbackChanged(c)));
        messages.AddRange(f2.Chunk(PerMessage).Select(c => new FeedbackChanged(c)));
        messages.AddRange(messages.Where((_, i) => i % 9 == 0).ToList());
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(messages));
        return new Dataset(v2, f2, messages);
    }

    [Fact]
    public async Task Stopping_and_starting_the_service_mid_stream_loses_and_double_counts_nothing()
    {
        var data = Generate();
        await EventPublisher.WaitUntilHealthyAsync(host.Server.Services);
        await using var publisher = await EventPublisher.StartAsync(host.Broker);
        var sent = 0;
        var publishing = Task.Run(async () =>
        {
            foreach (var message in data.Messages)
            {
                await (message switch
                {
                    DossiersChanged d => publisher.PublishAsync(d),
                    FeedbackChanged f => publisher.PublishAsync(f),
                    _ => throw new InvalidOperationException(),
                });
                Interlocked.Increment(ref sent);
                await Task.Delay(15);
            }
        });

        // Stop once a third is out and the service has applied some of it (on a busy machine it may
        // lag behind), while the rest keeps coming; start again at two thirds.
        var third = data.Messages.Count / 3;
        Assert.True(await Hub.Testing.Eventually.HoldsAsync(
            async () => Volatile.Read(ref sent) >= third && await host.ScalarAsync("SELECT count(*) FROM dossier_facts WHERE code LIKE 'RS-%'") > 0,
            TimeSpan.FromSeconds(60)), "the service applied none of the first third");
        await host.StopAsync();
        Assert.True(await Hub.Testing.Eventually.HoldsAsync(() => Volatile.Read(ref sent) >= 2 * third, TimeSpan.FromSeconds(60)));
        var appliedWhileStopped = await host.ScalarAsync("SELECT count(*) FROM dossier_facts WHERE code LIKE 'RS-%'");
        await host.StartAsync();
        await publishing;

        // Every record reaches its last version (nothing lost), then the queue of marks is drained.
        Assert.True(await Hub.Testing.Eventually.HoldsAsync(async () =>
                await host.ScalarAsync("SELECT count(*) FROM dossier_facts WHERE code LIKE 'RS-%' AND version = 2") == DossierCount
                && await host.ScalarAsync("SELECT count(*) FROM feedback_facts WHERE id LIKE 'RSF-%' AND version = 2") == FeedbackCount,
            TimeSpan.FromSeconds(120)), "the restarted service did not apply every event");
        Assert.Equal(DossierCount, await host.ScalarAsync("SELECT count(*) FROM dossier_facts WHERE code LIKE 'RS-%'"));
        Assert.True(appliedWhileStopped is > 0 and < DossierCount, $"{appliedWhileStopped} dossiers applied before the stop: not mid-stream");
        await host.SettleAsync();

        // The stored counters equal the dataset's own counts (nothing double-counted).
        foreach (var (unit, period) in new[] { ("79", "2023-06"), ("79", "2023-05"), ("01", "2023-06"), ("26734", "2023-06"), ("79-STP", "2023-07"), ("VN", "2023-Q2"), ("VN", "2023-Q3") })
        {
            var score = await host.ScoreAsync(unit, period);
            Assert.NotNull(score);
            var expected = Expected(data, unit, Period.Parse(period));
            foreach (var (counter, value) in expected)
            {
                Assert.True(value == score.Counters[counter], $"{unit} {period} {counter}: stored {score.Counters[counter]}, true count {value}");
            }
        }
        Assert.Empty(await ScoringQueries.VerifyAsync(host.Server.Services));
    }

    /// <summary>The counters worked out from the final records (every dossier has a due date, no supplement, and an end).</summary>
    private static Dictionary<string, double> Expected(Dataset data, string unit, Period period)
    {
        var within = Within(unit);
        var from = period.From;
        var to = period.To;
        var dossiers = data.Dossiers.Where(d => within.Contains(d.UnitCode)).ToList();
        DateTimeOffset? End(DossierState d) => d.StatusHistory.Count > 0 ? d.StatusHistory[0].At : null;
        var handled = dossiers.Where(d => d.ReceivedAt < to && (End(d) is not { } end || end >= from)).ToList();
        var received = handled.Where(d => d.ReceivedAt >= from).ToList();
        var feedback = data.Feedback.Where(f => within.Contains(f.UnitCode) && f.ReceivedAt < to && (f.HandledAt is not { } h || h >= from)).ToList();
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [Counters.DossiersReceived] = received.Count,
            [Counters.DossiersHandled] = handled.Count,
            [Counters.DossiersOnTime] = handled.Count(d => End(d) is { } end && end <= to ? end <= d.DueAt : to <= d.DueAt),
            [Counters.DossiersFinished] = handled.Count(d => End(d) is { } end && end < to),
            [Counters.DossiersOnline] = received.Count(d => d.Channel == ChannelOnline),
            [Counters.DossiersFeeBearing] = received.Count(d => d.Fees.Count > 0),
            [Counters.DossiersPaidOnline] = received.Count(d => d.Fees.Any(f => f.PaymentMethod == PaymentNationalPortal)),
            [Counters.FeedbackInScope] = feedback.Count,
            [Counters.FeedbackReceived] = feedback.Count(f => f.ReceivedAt >= from),
            [Counters.FeedbackOnConduct] = feedback.Count(f => f.ReceivedAt >= from && f.Kind == 2),
        };
    }

    private static HashSet<string> Within(string unit) => unit switch
    {
        "VN" => [.. Units],
        "79" => ["79", "79-STP", "26734", "26737"],
        "01" => ["01", "00004"],
        _ => [unit],
    };
}
