namespace Hub.Contracts.Sync;

/// <summary>
/// A procedure as stored: what the publicity, online-service, payment and digitisation criteria
/// read. Enumerations are the proto's numbers: implementing level 1 central, 2 province, 3 commune;
/// processing time unit 1 hours, 2 days, 3 working days, 4 months; online level 1 none, 2 partial,
/// 3 full; subject 1 citizen, 2 enterprise, 3 agency, 4 other; status 1 active, 2 repealed.
/// </summary>
public sealed record ProcedureState(
    string Code,
    long Version,
    string UnitCode,
    string Name,
    string Field,
    IReadOnlyList<int> ImplementingLevels,
    IReadOnlyList<string> ImplementingAgencies,
    int ProcessingTime,
    int ProcessingTimeUnit,
    IReadOnlyList<ProcedureFeeItem> Fees,
    int OnlineServiceLevel,
    bool FullOnlineEligible,
    IReadOnlyList<ProcedureResultDocument> ResultDocuments,
    IReadOnlyList<ProcedureComponentItem> Components,
    IReadOnlyList<int> Subjects,
    IReadOnlyList<ProcedureLegalBasis> LegalBases,
    bool StepsPublished,
    bool MethodPublished,
    string PublicationDecisionNumber,
    DateTimeOffset? PublicationDecisionAt,
    DateTimeOffset? MadePublicAt,
    int Status);
