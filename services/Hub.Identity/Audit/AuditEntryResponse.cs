using System.Text.Json;

namespace Hub.Identity.Audit;

public sealed record AuditEntryResponse(
    long Id, DateTimeOffset At, string Actor, string Action, string Target, string? Address, JsonElement? Before, JsonElement? After)
{
    public static AuditEntryResponse From(AuditEntry entry) => new(
        entry.Id, entry.At, entry.Actor, entry.Action, entry.Target, entry.Address, Parse(entry.Before), Parse(entry.After));

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
