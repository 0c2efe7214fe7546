namespace Hub.Contracts.Sync;

public sealed record DossierResultDocument(string Code, bool ElectronicFile, bool PushedToPersonalStore, bool Digitised);
