namespace Hub.Contracts.Sync;

/// <summary>
/// A dossier as stored: everything the 766 criteria read. Enumerations are the portal's numeric
/// codes (channel 1–3, status 1–10, applicant kind 1–4, rating 1–5). The applicant is only a keyed hash.
/// </summary>
public sealed record DossierState(
    string Code,
    long Version,
    string UnitCode,
    string ProcedureCode,
    int Channel,
    int Status,
    int ApplicantKind,
    string? ApplicantHash,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? ReturnedAt,
    IReadOnlyList<DossierStatusChange> StatusHistory,
    IReadOnlyList<DossierSupplement> Supplements,
    IReadOnlyList<DossierFee> Fees,
    IReadOnlyList<DossierComponent> Components,
    IReadOnlyList<DossierResultDocument> Results,
    bool VneidAuthenticated,
    bool PopulationDataUsed,
    int Rating,
    bool Complaint);
