namespace Hub.Contracts.Sync;

/// <summary>A unit's declared total for a period; PeriodKind 1 month, 2 quarter, 3 year.</summary>
public sealed record PeriodTotalState(string Key, long Version, string UnitCode, int PeriodKind, DateTimeOffset PeriodStart, long DossiersReceived);
