using Hub.Contracts.Sync;
using Hub.Scoring.Periods;

namespace Hub.Scoring.Facts;

/// <summary>
/// Flattens event-carried records into facts. Only what a record says of itself is derived here;
/// anything that needs other records or the calendar (deadlines from the procedure's legal time,
/// working days) is left to the engine's SQL, so a change of catalogue or calendar is seen at the
/// next recompute.
/// </summary>
public static class FactDerivation
{
    private static readonly HashSet<int> TerminalStatuses = [3, 7, 8, 9, 10];
    private const int PaymentNationalPortal = 2;
    private const int PaymentProvincialGateway = 3;
    private const int ChannelOnline = 2;
    private const int SubjectCitizen = 1;
    private const int ProcedureRepealed = 2;
    private const int RatingDissatisfied = 4;
    private const int RatingVeryDissatisfied = 5;
    private const int SatisfactionDissatisfied = 2;
    private const int DocumentCertifiedCopy = 3;

    public static bool IsOnline(int channel) => channel == ChannelOnline;

    public static DossierFact Dossier(DossierState d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var (terminalAt, terminalStatus) = EndOfHandling(d);
        var completed = d.Supplements.Where(s => s.CompletedAt is not null).ToList();
        var open = d.Supplements.Where(s => s.CompletedAt is null).Select(s => s.RequestedAt).DefaultIfEmpty().Min();
        return new DossierFact(
            d.Code, d.Version, d.UnitCode, d.ProcedureCode, d.Channel, d.Status,
            d.ReceivedAt.UtcDateTime, d.DueAt?.UtcDateTime, terminalAt?.UtcDateTime, terminalStatus,
            d.Supplements.Count,
            completed.Sum(s => Math.Max(0, (s.CompletedAt!.Value - s.RequestedAt).TotalSeconds)),
            open == default ? null : open.UtcDateTime,
            FeeData: d.Fees.Count > 0,
            FeeBearing: d.Fees.Any(f => f.AmountVnd > 0),
            // Paid online: a fee paid (PaidAt is unset while unpaid) on the national portal or the province's gateway.
            PaidOnline: d.Fees.Any(f => f.AmountVnd > 0 && f.PaidAt is not null && f.PaymentMethod is PaymentNationalPortal or PaymentProvincialGateway),
            ElectronicResult: d.Results.Any(r => r.ElectronicFile),
            ResultDigitised: d.Results.Any(r => r.Digitised),
            ComponentsDigitised: d.Components.Count > 0 && d.Components.All(c => c.Digitised),
            Reused: d.Components.Any(c => c.Reused),
            PersonalStore: d.Components.Any(c => c.FromPersonalStore) || d.Results.Any(r => r.PushedToPersonalStore),
            PopulationData: d.VneidAuthenticated || d.PopulationDataUsed,
            NegativeRating: d.Rating is RatingDissatisfied or RatingVeryDissatisfied,
            Complaint: d.Complaint);
    }

    /// <summary>
    /// The first terminal status in the history (finished, result returned, stopped, not accepted,
    /// withdrawn). A terminal dossier without such history ends at its finished or returned time.
    /// </summary>
    private static (DateTimeOffset? At, int? Status) EndOfHandling(DossierState d)
    {
        var first = d.StatusHistory.Where(h => TerminalStatuses.Contains(h.Status)).OrderBy(h => h.At).FirstOrDefault();
        if (first is not null)
        {
            return (first.At, first.Status);
        }
        if (TerminalStatuses.Contains(d.Status) && (d.FinishedAt ?? d.ReturnedAt) is { } end)
        {
            return (end, d.Status);
        }
        return (null, null);
    }

    public static ProcedureFact Procedure(ProcedureState p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new ProcedureFact(
            p.Code, p.Version, p.UnitCode,
            Active: p.Status != ProcedureRepealed,
            OnlineLevel: p.OnlineServiceLevel,
            FullOnlineEligible: p.FullOnlineEligible,
            PaperResult: p.ResultDocuments.Any(r => r.Paper),
            FeeBearing: p.Fees.Any(f => f.AmountVnd > 0),
            CitizenSubject: p.Subjects.Contains(SubjectCitizen),
            ContentFull: IsContentFull(p),
            LegalEffectiveAt: p.LegalBases.Select(b => b.EffectiveAt).Where(e => e is not null).Max()?.UtcDateTime,
            PublicationDecisionAt: p.PublicationDecisionAt?.UtcDateTime,
            MadePublicAt: p.MadePublicAt?.UtcDateTime,
            ProcessingTime: p.ProcessingTime,
            ProcessingTimeUnit: p.ProcessingTimeUnit);
    }

    /// <summary>Name, steps, method, documents with their number of copies, processing time, subjects and implementing agency.</summary>
    public static bool IsContentFull(ProcedureState p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return !string.IsNullOrWhiteSpace(p.Name)
            && p.StepsPublished
            && p.MethodPublished
            && p.Components.Count > 0 && p.Components.All(c => c.Copies > 0)
            && p.ProcessingTime > 0 && p.ProcessingTimeUnit > 0
            && p.Subjects.Count > 0
            && p.ImplementingAgencies.Count > 0;
    }

    public static FeedbackFact Feedback(FeedbackState f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new FeedbackFact(
            f.Id, f.Version, f.UnitCode, f.Kind, f.ReceivedAt.UtcDateTime, f.Deadline?.UtcDateTime, f.HandledAt?.UtcDateTime,
            f.Outcome, Dissatisfied: f.Satisfaction == SatisfactionDissatisfied, f.ReRaised);
    }

    /// <summary>A certified copy counts for its issuing commune on the day it was issued (digitised).</summary>
    public static CertifiedCopyFact CertifiedCopy(DocumentState d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return d.Kind == DocumentCertifiedCopy && !string.IsNullOrEmpty(d.IssuingCommuneCode)
            ? new CertifiedCopyFact(d.DocumentId, d.Version, d.IssuingCommuneCode, d.DigitisedAt.UtcDateTime)
            : new CertifiedCopyFact(d.DocumentId, d.Version, CommuneCode: null, IssuedAt: null);
    }

    /// <summary>The declared period's first local day: sources send local midnight converted to UTC.</summary>
    public static DeclaredTotalFact DeclaredTotal(PeriodTotalState t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var start = Period.Containing((PeriodKind)t.PeriodKind is PeriodKind.Month or PeriodKind.Quarter or PeriodKind.Year ? (PeriodKind)t.PeriodKind : PeriodKind.Month, t.PeriodStart);
        return new DeclaredTotalFact(t.Key, t.Version, t.UnitCode, (int)start.Kind, start.Start, t.DossiersReceived);
    }
}
