namespace Hub.Scoring.Facts;

/// <summary>
/// What the rules read of a dossier, flattened into one row. Times are UTC. TerminalAt is the time
/// of the first terminal status (the end of handling); SupplementWaitSeconds is the time the
/// dossier waited for the applicant's completed supplements, which does not count against it.
/// </summary>
public sealed record DossierFact(
    string Code,
    long Version,
    string UnitCode,
    string ProcedureCode,
    int Channel,
    int Status,
    DateTime ReceivedAt,
    DateTime? DueAt,
    DateTime? TerminalAt,
    int? TerminalStatus,
    int SupplementCount,
    double SupplementWaitSeconds,
    DateTime? OpenSupplementAt,
    bool FeeData,
    bool FeeBearing,
    bool PaidOnline,
    bool ElectronicResult,
    bool ResultDigitised,
    bool ComponentsDigitised,
    bool Reused,
    bool PersonalStore,
    bool PopulationData,
    bool NegativeRating,
    bool Complaint);
