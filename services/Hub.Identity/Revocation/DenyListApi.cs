using Hub.Contracts.Identity;
using Hub.Identity.Admin;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Identity.Revocation;

public static class DenyListApi
{
    public const string Path = "/api/v1/revocations";

    /// <summary>
    /// The gateway and the services read the snapshot with a client of their own; a province's or a
    /// ministry's token may not (the list names other tenants' disabled clients).
    /// </summary>
    public static IEndpointRouteBuilder MapDenyListApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async Task<Ok<DenyListSnapshot>> (DenyList denyList, CancellationToken cancellationToken) =>
                TypedResults.Ok(await denyList.SnapshotAsync(cancellationToken)))
            .RequireAuthorization(AdminAuthentication.DenyListReaderPolicy)
            .WithName("GetDenyList")
            .WithTags("revocation");
        return app;
    }
}
