using System.Security.Claims;

namespace Hub.ServiceDefaults.Security;

/// <summary>
/// The principal of a validated hub token, with the caller read from its claims once. The scope
/// check, the rate limiter and the endpoints all ask for the caller on every call, and a cached
/// token's principal serves many calls, so reading the claims again each time would be waste.
/// </summary>
public sealed class HubPrincipal(ClaimsPrincipal validated, CallerContext caller) : ClaimsPrincipal(validated)
{
    public CallerContext Caller { get; } = caller;
}
