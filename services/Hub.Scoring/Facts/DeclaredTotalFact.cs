namespace Hub.Scoring.Facts;

/// <summary>A unit's own declared total of dossiers received in a period (for DOSSIER_SYNC).</summary>
public sealed record DeclaredTotalFact(string Key, long Version, string UnitCode, int PeriodKind, DateOnly PeriodStart, long DossiersReceived);
