namespace Hub.Contracts.Sync;

public sealed record ProcedureComponentItem(string Code, string Name, int Copies, bool Required);
