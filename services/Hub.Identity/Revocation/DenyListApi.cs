using Hub.Contracts.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Identity.Revocation;

public static class DenyListApi
{
    public const string Path = "/api/v1/revocations";

    /// <summary>Any valid hub token may read the snapshot: the gateway reads it with its own client.</summary>
    public static IEndpointRouteBuilder MapDenyListApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async Task<Ok<DenyListSnapshot>> (DenyList denyList, CancellationToken cancellationToken) =>
                TypedResults.Ok(await denyList.SnapshotAsync(cancellationToken)))
            .RequireAuthorization()
            .WithName("GetDenyList")
            .WithTags("revocation");
        return app;
    }
}
