namespace Hub.Scoring.Periods;

/// <summary>The reporting periods of the index; the numbers match the sync contracts' period kinds.</summary>
public enum PeriodKind
{
    Month = 1,
    Quarter = 2,
    Year = 3,
}
