using System.Diagnostics;
using Hub.Contracts.Sync;
using Hub.Scoring.Engine;
using Hub.Scoring.Facts;
using Hub.Scoring.Periods;
using Hub.Scoring.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Hub.Scoring.Tests.Infrastructure.RecordVariations;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Consistency;

/// <summary>
/// The incremental state (facts fed in batches while the service's own loop recomputes what they
/// mark) equals a full recompute from the facts, on a generated year: 200 000 dossiers of 2025 across
/// the test tree, with corrections, stale redeliveries, catalogue changes mid-stream, feedback and
/// declared totals. 2025 is closed at the fixture's clock, so "now" does not move the result.
/// </summary>
[Collection(ConsistencyGroup.Name)]
public sealed class IncrementalEqualsFullTests(ScoringFixture fixture, ITestOutputHelper output) : IClassFixture<ScoringFixture>
{
    private const int DossierCount = 200_000;
    private const int FeedbackCount = 10_000;
    private const int ProcedureCount = 80;
    private const int BatchSize = 4_000;
    private static readonly string[] Units = ["26734", "26737", "79-STP", "79", "00004", "01", "BTP"];
    private static readonly string[] Publishers = ["79", "01", "BTP", "26734", "79-STP"];
    private static readonly HashSet<string> Province79 = ["79", "79-STP", "26734", "26737"];

    /// <summary>What the independent counts need of a dossier's final version.</summary>
    private sealed record Truth(string Unit, DateTimeOffset Received, DateTimeOffset? End, bool FeeBearing, bool PaidOnline, long Version)
    {
        public static Truth Of(DossierState d) => new(
            d.UnitCode, d.ReceivedAt, d.StatusHistory.Count > 0 ? d.StatusHistory[0].At : null,
            d.Fees.Any(f => f.AmountVnd > 0),
            d.Fees.Any(f => f.AmountVnd > 0 && f.PaidAt is not null && f.PaymentMethod is PaymentNationalPortal or PaymentProvincialGateway),
            d.Version);
    }

    private sealed class Generator(int seed)
    {
        private readonly Random _random = new(seed);

        private bool Chance(double p) => _random.NextDouble() < p;

        private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

        private DateTimeOffset In2025() => Local(2025, 1, 1, 0).AddMinutes(_random.Next(0, 365 * 24 * 60));

        public ProcedureState Procedure(int i, long version)
        {
            var decision = In2025();
            var procedure = Records.Procedure($"P.{i:D3}", Publishers[i % Publishers.Length], version)
                .OnlineLevel(_random.Next(1, 4))
                .ProcessedIn(Chance(0.1) ? 0 : _random.Next(1, 20), _random.Next(1, 5))
                .Published(decision, decision.AddDays(_random.Next(-10, 40)), Chance(0.9) ? decision.AddDays(_random.Next(0, 15)) : null);
            procedure = procedure with { FullOnlineEligible = Chance(0.5), Subjects = Chance(0.7) ? [1] : [2] };
            if (Chance(0.4))
            {
                procedure = procedure.PaperResult();
            }
            if (Chance(0.5))
            {
                procedure = procedure.WithFee(Chance(0.1) ? 0 : 50_000);
            }
            if (Chance(0.5))
            {
                procedure = procedure.ContentFull();
            }
            return Chance(0.05) ? procedure.Repealed() : procedure;
        }

        public DossierState Dossier(int i, long version, DateTimeOffset? receivedAt = null)
        {
            var received = receivedAt ?? In2025();
            var procedure = Chance(0.02) ? "P.999" : $"P.{_random.Next(ProcedureCount):D3}";
            var d = Records.Dossier($"IF-{i:D6}", unit: Pick(Units), procedure: procedure, version: version, received: received)
                .Due(Chance(0.8) ? received.AddDays(_random.Next(3, 21)) : null) with
            {
                Channel = _random.Next(1, 4),
                VneidAuthenticated = Chance(0.3),
                PopulationDataUsed = Chance(0.2),
                Rating = _random.Next(0, 6),
                Complaint = Chance(0.02),
            };
            var supplements = _random.NextDouble();
            if (supplements < 0.10)
            {
                d = d.WithSupplement(received.AddDays(1), received.AddDays(1 + _random.Next(1, 6)));
            }
            else if (supplements < 0.13)
            {
                d = d.WithSupplement(received.AddDays(1), received.AddDays(2)).WithSupplement(received.AddDays(3), received.AddDays(4));
            }
            for (var c = _random.Next(0, 4); c > 0; c--)
            {
                d = d.WithComponent(Chance(0.8), reused: Chance(0.2), fromPersonalStore: Chance(0.1));
            }
            if (Chance(0.4))
            {
                d = d.WithFee(Chance(0.1) ? 0 : _random.Next(1, 20) * 10_000, _random.Next(1, 4), Chance(0.9) ? received.AddDays(1) : null);
            }
            var ending = _random.NextDouble();
            if (ending < 0.88)
            {
                d = d.WithResult(Chance(0.6), pushedToPersonalStore: Chance(0.2), digitised: Chance(0.5))
                    .EndedAt(Chance(0.5) ? 9 : 10, received.AddHours(_random.Next(1, 30 * 24)));
            }
            else if (ending < 0.97)
            {
                d = d.EndedAt(Pick([3, 7, 8]), received.AddHours(_random.Next(1, 10 * 24)));
            }
            else if (Chance(0.3))
            {
                d = d.WithSupplement(received.AddDays(2), null);
            }
            return d;
        }

        public FeedbackState Feedback(int i)
        {
            var received = In2025();
            return Records.Feedback($"IFF-{i:D5}", Pick(Units), received: received) with
            {
                Kind = _random.Next(1, 4),
                Deadline = Chance(0.2) ? received.AddDays(_random.Next(2, 20)) : null,
                HandledAt = Chance(0.85) ? received.AddDays(_random.Next(0, 25)) : null,
                Outcome = _random.Next(1, 6),
                Satisfaction = _random.Next(0, 3),
                ReRaised = Chance(0.05),
            };
        }

        public int Next(int max) => _random.Next(max);
    }

    [Fact]
    public async Task Two_hundred_thousand_dossiers_fed_while_the_loop_runs_end_equal_to_a_full_recompute()
    {
        var clock = Stopwatch.StartNew();
        var generator = new Generator(20250101);
        var facts = fixture.Facts;
        var truth = new Truth[DossierCount];

        // The catalogue first, then the dossiers in batches; a fifth of the catalogue changes half-way,
        // a tenth of the dossiers are corrected later (another unit, another ending), some stale versions
        // are redelivered after their correction, and feedback and declared totals arrive alongside.
        var procedures = Enumerable.Range(0, ProcedureCount).Select(i => generator.Procedure(i, 1)).ToList();
        await facts.WriteProceduresAsync(procedures.Select(FactDerivation.Procedure).ToList(), CancellationToken.None);
        var corrected = new List<DossierState>();
        var stale = new List<DossierState>();
        var feedback = Enumerable.Range(0, FeedbackCount).Select(generator.Feedback).ToList();
        var batches = 0;
        for (var start = 0; start < DossierCount; start += BatchSize)
        {
            var batch = new List<DossierState>(BatchSize);
            for (var i = start; i < Math.Min(start + BatchSize, DossierCount); i++)
            {
                var d = generator.Dossier(i, 1);
                batch.Add(d);
                truth[i] = Truth.Of(d);
                if (generator.Next(10) == 0)
                {
                    var correction = generator.Dossier(i, 2, d.ReceivedAt.AddHours(generator.Next(48)));
                    corrected.Add(correction);
                    stale.Add(d);
                    truth[i] = Truth.Of(correction);
                }
            }
            await facts.WriteDossiersAsync(batch.Select(FactDerivation.Dossier).ToList(), CancellationToken.None);
            batches++;
            if (corrected.Count >= BatchSize)
            {
                await facts.WriteDossiersAsync(corrected.Select(FactDerivation.Dossier).ToList(), CancellationToken.None);
                await facts.WriteDossiersAsync(stale.Select(FactDerivation.Dossier).ToList(), CancellationToken.None);
                corrected.Clear();
                stale.Clear();
                batches += 2;
            }
            var f = feedback.Skip(start / BatchSize * (FeedbackCount * BatchSize / DossierCount)).Take(FeedbackCount * BatchSize / DossierCount).ToList();
            await facts.WriteFeedbackAsync(f.Select(FactDerivation.Feedback).ToList(), CancellationToken.None);
            if (start == DossierCount / 2)
            {
                var changes = Enumerable.Range(0, ProcedureCount).Where(i => i % 5 == 0).Select(i => generator.Procedure(i, 2)).ToList();
                await facts.WriteProceduresAsync(changes.Select(FactDerivation.Procedure).ToList(), CancellationToken.None);
            }
        }
        await facts.WriteDossiersAsync(corrected.Select(FactDerivation.Dossier).ToList(), CancellationToken.None);
        await facts.WriteDossiersAsync(stale.Select(FactDerivation.Dossier).ToList(), CancellationToken.None);
        output.WriteLine($"{batches} dossier batches written in {clock.Elapsed.TotalSeconds:F1} s");

        // Declared totals: every unit's every month of 2025.
        var declared = Units.SelectMany(u => Enumerable.Range(1, 12).Select(m => Declared(u, 1, new DateOnly(2025, m, 1), 1_000 + generator.Next(2_000)))).ToList();
        await facts.WriteDeclaredTotalsAsync(declared.Select(FactDerivation.DeclaredTotal).ToList(), CancellationToken.None);

        // The service's loop has been storing scores of 2025 all along, from facts still coming in.
        var scoredDuringFeed = await fixture.ScalarAsync("SELECT count(*) FROM score_snapshots WHERE period_start BETWEEN '2025-01-01' AND '2025-12-31'");
        output.WriteLine($"{scoredDuringFeed} snapshots of 2025 stored while feeding");
        Assert.True(scoredDuringFeed > 0, "the loop stored nothing while the facts were fed");

        await fixture.SettleAsync();
        var targets = await fixture.Server.Services.GetRequiredService<FullRecompute>().AllTargetsAsync(CancellationToken.None);
        output.WriteLine($"settled after {clock.Elapsed.TotalSeconds:F1} s; {targets.Count} targets");

        var differing = await ScoringQueries.VerifyAsync(fixture.Server.Services);
        output.WriteLine($"verified after {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(differing.Count == 0, $"{differing.Count} stored scores differ from a full recompute, e.g. {string.Join(", ", differing.Take(5).Select(t => $"{t.UnitCode} {t.Period}"))}");

        // A few totals against counts made here from the final records.
        Assert.Equal(DossierCount, await fixture.ScalarAsync("SELECT count(*) FROM dossier_facts WHERE code LIKE 'IF-%'"));
        Assert.Equal(truth.Count(t => t.Version == 2), await fixture.ScalarAsync("SELECT count(*) FROM dossier_facts WHERE code LIKE 'IF-%' AND version = 2"));
        var year = Period.Parse("2025");
        var june = Period.Parse("2025-06");

        // Province 79's 2025 dossiers_received: its subtree's dossiers received in 2025 (local time); its feedback likewise.
        var province = await fixture.ScoreAsync("79", "2025");
        Assert.NotNull(province);
        Assert.Equal(truth.Count(t => Province79.Contains(t.Unit) && t.Received >= year.From && t.Received < year.To), province.Counters[Counters.DossiersReceived]);
        Assert.Equal(feedback.Count(f => Province79.Contains(f.UnitCode) && f.ReceivedAt >= year.From && f.ReceivedAt < year.To), province.Counters[Counters.FeedbackReceived]);
        // And its declared total: the sum of its four units' twelve months.
        Assert.Equal(declared.Where(d => Province79.Contains(d.UnitCode)).Sum(d => d.DossiersReceived), province.Counters[Counters.DossiersDeclared]);

        // Province 01's June 2025 dossiers_handled: received before July and not ended before June.
        var hanoi = await fixture.ScoreAsync("01", "2025-06");
        Assert.NotNull(hanoi);
        Assert.Equal(truth.Count(t => t.Unit is "01" or "00004" && t.Received < june.To && (t.End is not { } end || end >= june.From)), hanoi.Counters[Counters.DossiersHandled]);

        // The nation's 2025 dossiers received, fee-bearing, and paid online.
        var nation = await fixture.ScoreAsync("VN", "2025");
        Assert.NotNull(nation);
        var received = truth.Where(t => t.Received >= year.From && t.Received < year.To).ToList();
        Assert.Equal(received.Count, nation.Counters[Counters.DossiersReceived]);
        Assert.Equal(received.Count(t => t.FeeBearing), nation.Counters[Counters.DossiersFeeBearing]);
        Assert.Equal(received.Count(t => t.PaidOnline), nation.Counters[Counters.DossiersPaidOnline]);
        output.WriteLine($"done after {clock.Elapsed.TotalSeconds:F1} s");
    }
}
