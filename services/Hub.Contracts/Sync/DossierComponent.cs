namespace Hub.Contracts.Sync;

public sealed record DossierComponent(string Code, bool Digitised, bool Reused, bool FromPersonalStore);
