namespace Hub.Contracts.Sync;

public sealed record ProcedureLegalBasis(string Number, DateTimeOffset? EffectiveAt);
