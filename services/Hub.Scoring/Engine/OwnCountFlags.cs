namespace Hub.Scoring.Engine;

/// <summary>
/// What own counts need to know of a dossier besides its instants, as bits of one integer, so
/// that a million dossiers cross from PostgreSQL in ten columns instead of twenty-six (see
/// CounterSql.OwnCountRows, which sets them).
/// </summary>
[Flags]
internal enum OwnCountFlags
{
    None = 0,
    OnlineChannel = 1 << 0,
    EndedWithResult = 1 << 1,
    AtMostOneSupplement = 1 << 2,
    FeeData = 1 << 3,
    FeeBearing = 1 << 4,
    PaidOnline = 1 << 5,
    ElectronicResult = 1 << 6,
    ResultDigitised = 1 << 7,
    ComponentsDigitised = 1 << 8,
    Reused = 1 << 9,
    PersonalStore = 1 << 10,
    PopulationData = 1 << 11,
    NegativeRating = 1 << 12,
    Complaint = 1 << 13,
    FullOnlineLevel = 1 << 14,
    FullOnlineEligible = 1 << 15,
    PaperResult = 1 << 16,
}
