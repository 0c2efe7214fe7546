using System.Security.Claims;
using Hub.Identity.Clients;
using Hub.Identity.Keys;
using Hub.Identity.Revocation;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Hub.ServiceDefaults.Security;

namespace Hub.Identity.Admin;

/// <summary>
/// The admin API accepts the service's own access tokens. It validates them against its own key
/// ring rather than through its discovery document: the same checks (signature, iss, aud, typ
/// at+jwt, lifetime) without an HTTP call to itself, and on the service's <see cref="TimeProvider"/>.
/// Revoked tokens and tokens of disabled clients are refused at once.
/// </summary>
public static class AdminAuthentication
{
    public const string AdminPolicy = "hub.admin";

    /// <summary>
    /// The deny-list names disabled clients of every tenant: the gateway's and services' own client
    /// (<c>hub.revocations.read</c>) and the operator's admins, who see the same in the admin API, may read it.
    /// </summary>
    public const string DenyListReaderPolicy = "deny-list-reader";

    public static IServiceCollection AddAdminAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyRing, IOptions<IdentityOptions>, TimeProvider>((bearer, keys, identity, time) =>
            {
                var settings = identity.Value;
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    ValidTypes = ["at+jwt"],
                    ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
                    IssuerSigningKeyResolver = (_, _, kid, _) => keys.ValidationKeys(kid),
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    LifetimeValidator = (notBefore, expires, _, _) => IsWithinLifetime(notBefore, expires, time.GetUtcNow().UtcDateTime, settings.ClockSkew),
                    NameClaimType = "client_id",
                };
                bearer.Events = new JwtBearerEvents
                {
                    // Validation is synchronous: load (and rotate) the keys before it runs.
                    OnMessageReceived = async context => await keys.GetAsync(context.HttpContext.RequestAborted),
                    OnTokenValidated = RefuseRevokedAsync,
                };
            });
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => HasScope(context.User, HubScopes.Admin)));
        services.AddAuthorizationBuilder().AddPolicy(DenyListReaderPolicy, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => HasScope(context.User, HubScopes.RevocationsRead) || HasScope(context.User, HubScopes.Admin)));
        return services;
    }

    private static bool HasScope(ClaimsPrincipal user, string scope) =>
        HubScopes.Parse(user.FindFirst("scope")?.Value).Contains(scope);

    private static bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, DateTime now, TimeSpan skew) =>
        expires is { } exp && now < exp + skew && (notBefore is not { } nbf || nbf - skew <= now);

    private static async Task RefuseRevokedAsync(TokenValidatedContext context)
    {
        var token = (JsonWebToken)context.SecurityToken;
        var denyList = context.HttpContext.RequestServices.GetRequiredService<DenyList>();
        var issuedAt = new DateTimeOffset(token.IssuedAt, TimeSpan.Zero);
        var clientId = token.TryGetPayloadValue<string>("client_id", out var id) ? id : null;
        if (await denyList.IsDeniedAsync(token.Id, clientId, issuedAt, context.HttpContext.RequestAborted))
        {
            context.Fail("The token was revoked, or its client disabled.");
        }
    }
}
