namespace Hub.Scoring.Engine;

/// <summary>
/// The counters the engine computes for a (unit, period) with set-based SQL over the facts; rule
/// sets name their numerators and denominators from this list. "Received" means received in the
/// period; "handled" means received or handled in it: received before its end and not finished
/// before its start (so dossiers carried over from earlier periods count).
/// </summary>
public static class Counters
{
    // Dossiers (the unit's whole subtree).
    public const string DossiersReceived = "dossiers_received";
    public const string DossiersDeclared = "dossiers_declared";
    public const string DossiersSyncBase = "dossiers_sync_base";
    public const string DossiersHandled = "dossiers_handled";
    public const string DossiersOnTime = "dossiers_on_time";
    public const string DossiersFinished = "dossiers_finished";
    public const string HandlingHoursTotal = "handling_hours_total";
    public const string DossiersOnline = "dossiers_online";
    public const string DossiersFeeBearing = "dossiers_fee_bearing";
    public const string DossiersPaidOnline = "dossiers_paid_online";
    public const string PaperResultDossiersFinished = "paper_result_dossiers_finished";
    public const string PaperResultDossiersElectronic = "paper_result_dossiers_electronic";
    public const string DossiersDigitised = "dossiers_digitised";
    public const string DossiersReusingData = "dossiers_reusing_data";
    public const string DossiersPersonalStore = "dossiers_personal_store";
    public const string DossiersPopulationData = "dossiers_population_data";
    public const string DossiersSatisfactory = "dossiers_satisfactory";
    public const string DossiersFullOnline = "dossiers_full_online";
    public const string DossiersFullOnlineEligible = "dossiers_full_online_eligible";

    // Procedures.
    public const string ProceduresPublished = "procedures_published";
    public const string ProceduresPublishedOnTime = "procedures_published_on_time";
    public const string ProceduresMadePublicOnTime = "procedures_made_public_on_time";
    public const string ProceduresContentFull = "procedures_content_full";
    public const string ProceduresInForce = "procedures_in_force";
    public const string ProceduresOnline = "procedures_online";
    public const string OnlineProceduresUsed = "online_procedures_used";
    public const string FeeProcedures = "fee_procedures";
    public const string FeeProceduresWithFeeDossiers = "fee_procedures_with_fee_dossiers";
    public const string ProceduresWithFeeDossiers = "procedures_with_fee_dossiers";
    public const string ProceduresPaidOnline = "procedures_paid_online";
    public const string CitizenProcedures = "citizen_procedures";
    public const string CitizenProceduresUsingPopulationData = "citizen_procedures_using_population_data";

    // Units.
    public const string Communes = "communes";
    public const string CommunesWithCertifiedCopies = "communes_with_certified_copies";

    // Citizen feedback (PAKN).
    public const string FeedbackInScope = "feedback_in_scope";
    public const string FeedbackOnTime = "feedback_on_time";
    public const string FeedbackReceived = "feedback_received";
    public const string FeedbackSatisfactory = "feedback_satisfactory";
    public const string FeedbackOnRules = "feedback_on_rules";
    public const string FeedbackOnConduct = "feedback_on_conduct";

    public static readonly IReadOnlySet<string> All = typeof(Counters).GetFields()
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);
}
