using Hub.Contracts.Sync;
using Hub.Scoring.Periods;

namespace Hub.Scoring.Tests.Infrastructure;

/// <summary>Event-carried records with plain defaults, for tests to vary one field at a time.</summary>
public static class Records
{
    /// <summary>A local (UTC+7) instant.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour = 9, int minute = 0) =>
        new(year, month, day, hour, minute, 0, Period.LocalOffset);

    /// <summary>A dossier received at a direct counter, due ten days later, still in progress, no fees.</summary>
    public static DossierState Dossier(string code, string unit = "26734", string procedure = "1.000001", long version = 1, DateTimeOffset? received = null) =>
        new(code, version, unit, procedure,
            Channel: 1, Status: 4, ApplicantKind: 1, ApplicantHash: null,
            ReceivedAt: received ?? Local(2026, 3, 2),
            DueAt: (received ?? Local(2026, 3, 2)).AddDays(10),
            FinishedAt: null, ReturnedAt: null,
            StatusHistory: [], Supplements: [], Fees: [], Components: [], Results: [],
            VneidAuthenticated: false, PopulationDataUsed: false, Rating: 0, Complaint: false);

    /// <summary>The dossier finished (status 9) at <paramref name="at"/>.</summary>
    public static DossierState FinishedAt(this DossierState d, DateTimeOffset at) =>
        d with { Status = 9, FinishedAt = at, StatusHistory = [.. d.StatusHistory, new DossierStatusChange(9, at)] };

    /// <summary>An active procedure published by province 79, processed in 10 working days, with nothing else set.</summary>
    public static ProcedureState Procedure(string code = "1.000001", string unit = "79", long version = 1) =>
        new(code, version, unit, Name: $"Thủ tục {code}", Field: "Tư pháp",
            ImplementingLevels: [2], ImplementingAgencies: ["79-STP"],
            ProcessingTime: 10, ProcessingTimeUnit: 3,
            Fees: [], OnlineServiceLevel: 1, FullOnlineEligible: false, ResultDocuments: [], Components: [],
            Subjects: [1], LegalBases: [], StepsPublished: false, MethodPublished: false,
            PublicationDecisionNumber: "", PublicationDecisionAt: null, MadePublicAt: null, Status: 1);

    /// <summary>Feedback received, in progress, with no deadline of its own.</summary>
    public static FeedbackState Feedback(string id, string unit = "26734", long version = 1, DateTimeOffset? received = null) =>
        new(id, version, unit, DossierCode: null, Kind: 1, ReceivedAt: received ?? Local(2026, 3, 2),
            Deadline: null, HandledAt: null, Outcome: 1, Satisfaction: 0, ReRaised: false);

    /// <summary>An electronic certified copy issued on its own (no dossier) by a commune.</summary>
    public static DocumentState CertifiedCopy(string id, string commune, DateTimeOffset issued, long version = 1) =>
        new(id, version, commune, DossierCode: null, Kind: 3, DigitisedAt: issued, ReusedFromDocumentId: null,
            FromPersonalStore: false, PushedToPersonalStore: false, IssuingCommuneCode: commune);

    /// <summary>The same document as a scanned submitted component of a dossier: no longer a certified copy.</summary>
    public static DocumentState AsComponent(this DocumentState d, long version) =>
        d with { Version = version, Kind = 1, DossierCode = $"{d.DocumentId}-D", IssuingCommuneCode = null };
}
