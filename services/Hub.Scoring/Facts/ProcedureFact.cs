namespace Hub.Scoring.Facts;

/// <summary>
/// What the rules read of a procedure. LegalEffectiveAt is the latest effective date among its
/// legal bases (the change the publication answers); ContentFull says every part the portal
/// requires is published.
/// </summary>
public sealed record ProcedureFact(
    string Code,
    long Version,
    string UnitCode,
    bool Active,
    int OnlineLevel,
    bool FullOnlineEligible,
    bool PaperResult,
    bool FeeBearing,
    bool CitizenSubject,
    bool ContentFull,
    DateTime? LegalEffectiveAt,
    DateTime? PublicationDecisionAt,
    DateTime? MadePublicAt,
    int ProcessingTime,
    int ProcessingTimeUnit);
