using Hub.Identity.Admin;
using Hub.Identity.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hub.Identity.Audit;

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapAdminGroup("audit").MapGet("", ListAsync).WithName("ListAuditEntries");
        return app;
    }

    /// <summary>Newest first; <paramref name="target"/> narrows to one record, e.g. <c>client:79-sync</c>.</summary>
    private static async Task<Ok<List<AuditEntryResponse>>> ListAsync(IdentityContext db, string? target, int? limit, CancellationToken cancellationToken)
    {
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrEmpty(target))
        {
            query = query.Where(a => a.Target == target);
        }
        var entries = await query.OrderByDescending(a => a.Id).Take(Math.Clamp(limit ?? 100, 1, 1000)).ToListAsync(cancellationToken);
        return TypedResults.Ok(entries.Select(AuditEntryResponse.From).ToList());
    }
}
