namespace Hub.Identity.Admin;

public static class AdminEndpoints
{
    public const string Prefix = "/api/v1/admin";

    /// <summary>A group under <c>/api/v1/admin/{name}</c> that only tokens with scope <c>hub.admin</c> may call.</summary>
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder app, string name) =>
        app.MapGroup($"{Prefix}/{name}").RequireAuthorization(AdminAuthentication.AdminPolicy).WithTags(name);
}
