using MassTransit;

namespace Hub.Contracts.Sync;

/// <summary>Digitised documents were stored or replaced by a higher source version.</summary>
// MassTransit prefixes "urn:message:", so the full URN is urn:message:hub:…:v1.
[MessageUrn("hub:documents-changed:v1")]
public sealed record DocumentsChanged(IReadOnlyList<DocumentState> Documents);
