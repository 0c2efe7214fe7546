namespace Hub.Contracts.Sync;

public sealed record DossierStatusChange(int Status, DateTimeOffset At);
