using Hub.Contracts.Sync;

namespace Hub.Scoring.Tests.Infrastructure;

/// <summary>One-field variations of <see cref="Records"/>' plain records, so a test reads as its dataset.</summary>
public static class RecordVariations
{
    public const int ChannelDirect = 1;
    public const int ChannelOnline = 2;
    public const int PaymentNotOnline = 1;
    public const int PaymentNationalPortal = 2;
    public const int PaymentProvincialGateway = 3;

    /// <summary>The dossier reached a terminal status (3, 7, 8, 9 or 10) at <paramref name="at"/>.</summary>
    public static DossierState EndedAt(this DossierState d, int status, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(d);
        return d with
        {
            Status = status,
            FinishedAt = status is 9 or 10 ? at : null,
            ReturnedAt = status == 10 ? at : null,
            StatusHistory = [.. d.StatusHistory, new DossierStatusChange(status, at)],
        };
    }

    public static DossierState Due(this DossierState d, DateTimeOffset? due) => d with { DueAt = due };

    public static DossierState Online(this DossierState d) => d with { Channel = ChannelOnline };

    public static DossierState WithSupplement(this DossierState d, DateTimeOffset requested, DateTimeOffset? completed)
    {
        ArgumentNullException.ThrowIfNull(d);
        return d with { Supplements = [.. d.Supplements, new DossierSupplement(requested, completed)] };
    }

    /// <summary>A fee of <paramref name="amount"/> VND, paid by <paramref name="method"/> at <paramref name="paidAt"/> (null: unpaid).</summary>
    public static DossierState WithFee(this DossierState d, long amount, int method, DateTimeOffset? paidAt)
    {
        ArgumentNullException.ThrowIfNull(d);
        return d with { Fees = [.. d.Fees, new DossierFee($"FEE-{d.Fees.Count + 1}", amount, method, paidAt)] };
    }

    public static DossierState WithComponent(this DossierState d, bool digitised, bool reused = false, bool fromPersonalStore = false)
    {
        ArgumentNullException.ThrowIfNull(d);
        return d with { Components = [.. d.Components, new DossierComponent($"TP-{d.Components.Count + 1}", digitised, reused, fromPersonalStore)] };
    }

    public static DossierState WithResult(this DossierState d, bool electronicFile, bool pushedToPersonalStore = false, bool digitised = false)
    {
        ArgumentNullException.ThrowIfNull(d);
        return d with { Results = [.. d.Results, new DossierResultDocument($"KQ-{d.Results.Count + 1}", electronicFile, pushedToPersonalStore, digitised)] };
    }

    /// <summary>A procedure whose published content has every part the portal requires.</summary>
    public static ProcedureState ContentFull(this ProcedureState p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p with
        {
            StepsPublished = true,
            MethodPublished = true,
            Components = [new ProcedureComponentItem("TP-1", "Tờ khai", 1, true)],
        };
    }

    /// <summary>Published by decision at <paramref name="decision"/>, answering a legal basis in force from <paramref name="effective"/>.</summary>
    public static ProcedureState Published(this ProcedureState p, DateTimeOffset decision, DateTimeOffset? effective, DateTimeOffset? madePublic)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p with
        {
            PublicationDecisionNumber = $"QĐ-{p.Code}",
            PublicationDecisionAt = decision,
            LegalBases = effective is null ? [] : [new ProcedureLegalBasis($"NĐ-{p.Code}", effective)],
            MadePublicAt = madePublic,
        };
    }

    public static ProcedureState WithFee(this ProcedureState p, long amount)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p with { Fees = [.. p.Fees, new ProcedureFeeItem($"LP-{p.Fees.Count + 1}", amount)] };
    }

    public static ProcedureState PaperResult(this ProcedureState p) => p with { ResultDocuments = [new ProcedureResultDocument("KQ-1", true)] };

    public static ProcedureState ProcessedIn(this ProcedureState p, int time, int unit) => p with { ProcessingTime = time, ProcessingTimeUnit = unit };

    public static ProcedureState OnlineLevel(this ProcedureState p, int level) => p with { OnlineServiceLevel = level };

    public static ProcedureState Repealed(this ProcedureState p) => p with { Status = 2 };

    /// <summary>A unit's declared total of dossiers received in the period starting on the local day <paramref name="start"/>.</summary>
    public static PeriodTotalState Declared(string unit, int kind, DateOnly start, long received, long version = 1) =>
        new($"{unit}/{kind}/{start:yyyy-MM-dd}", version, unit, kind, Records.Local(start.Year, start.Month, start.Day, 0), received);
}
