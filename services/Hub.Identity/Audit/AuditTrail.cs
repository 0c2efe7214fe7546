using System.Text.Json;
using Hub.Identity.Data;

namespace Hub.Identity.Audit;

/// <summary>
/// Records admin actions. The entry is added to the same unit of work as the change, so a change is
/// never saved without its audit entry, nor an entry without its change.
/// </summary>
public sealed class AuditTrail(IdentityContext db, IHttpContextAccessor http, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Record(string action, string target, object? before, object? after)
    {
        var context = http.HttpContext;
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = context?.User.FindFirst("client_id")?.Value ?? "system",
            Action = action,
            Target = target,
            Address = context?.Connection.RemoteIpAddress?.ToString(),
            Before = before is null ? null : JsonSerializer.Serialize(before, before.GetType(), Json),
            After = after is null ? null : JsonSerializer.Serialize(after, after.GetType(), Json),
        });
    }
}
