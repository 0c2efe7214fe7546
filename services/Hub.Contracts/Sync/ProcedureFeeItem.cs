namespace Hub.Contracts.Sync;

public sealed record ProcedureFeeItem(string Code, long AmountVnd);
