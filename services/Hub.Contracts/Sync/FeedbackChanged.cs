using MassTransit;

namespace Hub.Contracts.Sync;

/// <summary>Citizen feedback (PAKN) was stored or replaced by a higher source version.</summary>
// MassTransit prefixes "urn:message:", so the full URN is urn:message:hub:…:v1.
[MessageUrn("hub:feedback-changed:v1")]
public sealed record FeedbackChanged(IReadOnlyList<FeedbackState> Feedback);
