using Hub.Contracts.Sync;
using Hub.Scoring.Engine;
using Hub.Scoring.Tests.Infrastructure;
using static Hub.Scoring.Tests.Infrastructure.RecordVariations;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Consistency;

/// <summary>
/// Through the real broker: the service's consumers apply a fact only when its version is higher than
/// the one held, so duplicated, redelivered and reordered events end where the latest versions sent
/// once end. Two communes get the same dataset: 26734 through a messy stream, 26737 cleanly. Every
/// scoring service on the broker consumes these events, so they keep to March 2023 (every version
/// ended within it) and to procedures of a unit outside the tree (read only for their processing time).
/// </summary>
[Collection(ConsistencyGroup.Name)]
public sealed class IdempotencyTests(ScoringHost fixture) : IClassFixture<ScoringHost>
{
    private static readonly DateOnly March = new(2023, 3, 1);

    /// <summary>
    /// The dataset of one commune, by version: a procedure, six dossiers, a feedback, a declared total,
    /// and two certified copies.
    /// </summary>
    private static (ProcedureState[] Procedure, DossierState[][] Dossiers, FeedbackState[] Feedback, PeriodTotalState[] Declared, DocumentState[][] Copies) Dataset(string unit, string prefix)
    {
        var procedure = $"9.{(unit == "26734" ? "000001" : "000002")}";
        // v1 processes in 2 working days, v2 in 10: the dossier without a due date is late by v1, on time by v2.
        var procedures = new[]
        {
            Procedure(procedure, "99").ProcessedIn(2, 3),
            Procedure(procedure, "99", version: 2).ProcessedIn(10, 3),
        };
        // v1: received Thu 2 Mar 2023 09:00, due 12 Mar (6: no due date), finished late on 25 Mar.
        DossierState V1(int i) => Dossier($"{prefix}-{i}", unit: unit, procedure: procedure, received: Local(2023, 3, 2))
            .Due(i == 6 ? null : Local(2023, 3, 12)).FinishedAt(Local(2023, 3, 25));
        DossierState Received(int i, long version) => Dossier($"{prefix}-{i}", unit: unit, procedure: procedure, version: version, received: Local(2023, 3, 2))
            .Due(i == 6 ? null : Local(2023, 3, 12));
        // v2 of 1–4: finished 5 March, online, paid online; 5: v2 finished late (20 March), v3 finished
        // on time (6 March) but rated very dissatisfied; 6: v2 finished 9 March (by v2 of the procedure,
        // due 16 March).
        DossierState V2(int i) => i switch
        {
            5 => Received(i, 2).FinishedAt(Local(2023, 3, 20)),
            6 => Received(i, 2).FinishedAt(Local(2023, 3, 9)),
            _ => Received(i, 2).Online().WithFee(10_000, PaymentNationalPortal, Local(2023, 3, 2)).WithComponent(true).FinishedAt(Local(2023, 3, 5)),
        };
        DossierState V3(int i) => Received(i, 3).FinishedAt(Local(2023, 3, 6)) with { Rating = 5 };
        var dossiers = new[]
        {
            Enumerable.Range(1, 6).Select(V1).ToArray(),
            Enumerable.Range(1, 6).Select(V2).ToArray(),
            [V3(5)],
        };
        // v1 refused late (2 working days from 2 March end on 6 March); v2 handled on 4 March, satisfied.
        var feedback = new[]
        {
            Feedback($"{prefix}-FB", unit, received: Local(2023, 3, 2)) with { Outcome = 2, HandledAt = Local(2023, 3, 10) },
            Feedback($"{prefix}-FB", unit, version: 2, received: Local(2023, 3, 2)) with { Outcome = 4, HandledAt = Local(2023, 3, 4), Satisfaction = 1 },
        };
        var declared = new[] { Declared(unit, 1, March, 50), Declared(unit, 1, March, 8, version: 2) };
        // Copy 1 is issued on 3 March, then corrected to a scanned component (v2); copy 2 is issued
        // on 2 March, then re-dated 6 March (v2). Their latest versions leave one copy in March.
        var copy1 = CertifiedCopy($"{prefix}-CC1", unit, Local(2023, 3, 3));
        var copy2 = CertifiedCopy($"{prefix}-CC2", unit, Local(2023, 3, 2));
        var copies = new[]
        {
            new[] { copy1, copy2 },
            [copy1.AsComponent(version: 2), CertifiedCopy($"{prefix}-CC2", unit, Local(2023, 3, 6), version: 2)],
        };
        return (procedures, dossiers, feedback, declared, copies);
    }

    [Fact]
    public async Task Duplicated_and_reordered_events_end_with_the_score_of_the_latest_versions_sent_once()
    {
        var services = fixture.Server.Services;
        await EventPublisher.WaitUntilHealthyAsync(services);
        var (counter, handle) = ConsumedCounter.Attach(services, message => message switch
        {
            DossiersChanged d => d.Dossiers.Any(x => x.Code.StartsWith("ID", StringComparison.Ordinal)),
            ProceduresChanged p => p.Procedures.Any(x => x.Code.StartsWith("9.00000", StringComparison.Ordinal)),
            FeedbackChanged f => f.Feedback.Any(x => x.Id.StartsWith("ID", StringComparison.Ordinal)),
            PeriodTotalsDeclared t => t.Totals.Any(x => x.Key.EndsWith("/2023-03-01", StringComparison.Ordinal)),
            DocumentsChanged c => c.Documents.Any(x => x.DocumentId.StartsWith("ID", StringComparison.Ordinal)),
            _ => false,
        });
        await using var publisher = await EventPublisher.StartAsync((await Hub.Testing.TestServers.GetAsync()).RabbitMqUri);
        var messy = Dataset("26734", "IDM");
        var clean = Dataset("26737", "IDC");
        var sent = 0;
        var documents = 0;
        async Task Publish<T>(T message) where T : class
        {
            await publisher.PublishAsync(message);
            sent++;
        }

        // The clean stream: the latest version of every record, once.
        await Publish(new ProceduresChanged([clean.Procedure[1]]));
        await Publish(new DossiersChanged([.. clean.Dossiers[1].Take(4), clean.Dossiers[2][0], clean.Dossiers[1][5]]));
        await Publish(new FeedbackChanged([clean.Feedback[1]]));
        await Publish(new PeriodTotalsDeclared([clean.Declared[1]]));
        await Publish(new DocumentsChanged(clean.Copies[1]));
        documents++;

        // The messy stream: newest first, then older versions, then duplicates of both, and a batch
        // holding two versions of the same dossier.
        await Publish(new ProceduresChanged([messy.Procedure[1]]));
        await Publish(new ProceduresChanged([messy.Procedure[0]]));
        await Publish(new DossiersChanged([.. messy.Dossiers[1].Take(4), messy.Dossiers[2][0]]));
        await Publish(new DossiersChanged(messy.Dossiers[0]));
        await Publish(new DossiersChanged(messy.Dossiers[0]));
        await Publish(new DossiersChanged([messy.Dossiers[1][4], messy.Dossiers[1][0], messy.Dossiers[1][1]]));
        await Publish(new DossiersChanged([messy.Dossiers[0][5], messy.Dossiers[1][5], messy.Dossiers[0][5]]));
        await Publish(new FeedbackChanged([messy.Feedback[1]]));
        await Publish(new FeedbackChanged([messy.Feedback[0]]));
        await Publish(new FeedbackChanged([messy.Feedback[0], messy.Feedback[1]]));
        await Publish(new PeriodTotalsDeclared([messy.Declared[1]]));
        await Publish(new PeriodTotalsDeclared([messy.Declared[0]]));
        await Publish(new PeriodTotalsDeclared([messy.Declared[0]]));
        // Copy 1's first version is applied first (each of these waits for the one before): a
        // document never seen as a copy has no row, so its copy version applied after the
        // correction would count (docs/scoring.md, "Facts").
        async Task PublishInTurn(DocumentsChanged message)
        {
            await Publish(message);
            var published = ++documents;
            Assert.True(await Hub.Testing.Eventually.HoldsAsync(() => counter.Count<DocumentsChanged>() >= published, TimeSpan.FromSeconds(60)));
        }
        await PublishInTurn(new DocumentsChanged([messy.Copies[0][0], messy.Copies[1][1]]));
        await PublishInTurn(new DocumentsChanged([messy.Copies[1][0], messy.Copies[0][1]]));
        await PublishInTurn(new DocumentsChanged([.. messy.Copies[0], messy.Copies[1][0]]));
        await Publish(new ProceduresChanged([messy.Procedure[1]]));

        Assert.True(await Hub.Testing.Eventually.HoldsAsync(() => counter.SyncEvents >= sent, TimeSpan.FromSeconds(60)),
            $"the service consumed {counter.SyncEvents} of {sent} messages");
        handle.Disconnect();
        Assert.Equal(0, counter.Faults);
        await fixture.SettleAsync();

        // The facts hold the highest versions.
        Assert.Equal(2, await fixture.ScalarAsync("SELECT version FROM procedure_facts WHERE code = '9.000001'"));
        Assert.Equal(6, await fixture.ScalarAsync(
            "SELECT count(*) FROM dossier_facts WHERE code LIKE 'IDM-%' AND version = CASE code WHEN 'IDM-5' THEN 3 ELSE 2 END"));
        Assert.Equal(2, await fixture.ScalarAsync("SELECT version FROM feedback_facts WHERE id = 'IDM-FB'"));
        Assert.Equal(8, await fixture.ScalarAsync("SELECT dossiers_received FROM declared_totals WHERE key = '26734/1/2023-03-01'"));
        Assert.Equal(2, await fixture.ScalarAsync("SELECT count(*) FROM certified_copy_facts WHERE document_id LIKE 'IDM-%' AND version = 2"));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM certified_copy_facts WHERE document_id LIKE 'IDM-%' AND commune_code IS NOT NULL"));

        var messyScore = await fixture.ScoreAsync("26734", "2023-03");
        var cleanScore = await fixture.ScoreAsync("26737", "2023-03");
        Assert.NotNull(messyScore);
        Assert.NotNull(cleanScore);
        foreach (var (name, value) in cleanScore.Counters)
        {
            Assert.True(value == messyScore.Counters[name], $"{name}: {messyScore.Counters[name]} through the messy stream, {value} through the clean one");
        }
        Assert.Equal(ScoreJson.Serialize(cleanScore with { UnitCode = "", EvaluatedAt = default }), ScoreJson.Serialize(messyScore with { UnitCode = "", EvaluatedAt = default }));

        // And that state is the one worked out by hand: 6 received, all 6 on time (dossier 6 by v2's 10
        // working days), 5 satisfactory (dossier 5's v3 is rated badly); 4 online and paid online;
        // 8 declared; the feedback handled on time and satisfactorily; the commune issued a copy.
        var counters = cleanScore.Counters;
        Assert.Equal(6, counters[Counters.DossiersReceived]);
        Assert.Equal(6, counters[Counters.DossiersOnTime]);
        Assert.Equal(5, counters[Counters.DossiersSatisfactory]);
        Assert.Equal(4, counters[Counters.DossiersOnline]);
        Assert.Equal(4, counters[Counters.DossiersPaidOnline]);
        Assert.Equal(8, counters[Counters.DossiersDeclared]);
        Assert.Equal(1, counters[Counters.FeedbackSatisfactory]);
        Assert.Equal(1, counters[Counters.FeedbackOnTime]);
        Assert.Equal(1, counters[Counters.CommunesWithCertifiedCopies]);
    }
}
