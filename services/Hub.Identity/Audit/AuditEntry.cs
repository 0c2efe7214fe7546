namespace Hub.Identity.Audit;

/// <summary>One admin action: who did what to which record, when, from where, and the record before and after.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public required string Target { get; init; }
    public string? Address { get; init; }
    public string? Before { get; init; }
    public string? After { get; init; }
}
