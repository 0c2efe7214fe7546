using MassTransit;

namespace Hub.Contracts.Sync;

/// <summary>Dossiers were stored or replaced by a higher source version; one event carries up to a batch of them.</summary>
// MassTransit prefixes "urn:message:", so the full URN is urn:message:hub:…:v1.
[MessageUrn("hub:dossiers-changed:v1")]
public sealed record DossiersChanged(IReadOnlyList<DossierState> Dossiers);
