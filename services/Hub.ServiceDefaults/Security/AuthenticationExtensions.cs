using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Hub.ServiceDefaults.Security;

public static class AuthenticationExtensions
{
    /// <summary>
    /// Every service validates the bearer token itself, even behind the gateway (defence in depth):
    /// signature against the issuer's published keys, issuer, audience, lifetime and <c>typ</c>.
    /// One authorisation policy per scope, named after it (<see cref="HubScopes"/>).
    /// </summary>
    public static IHostApplicationBuilder AddHubAuthentication(this IHostApplicationBuilder builder)
    {
        var options = HubAuthOptions.From(builder.Configuration, builder.Environment.IsDevelopment());
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RevocationList>();
        builder.Services.AddSingleton<ValidatedTokenCache>();
        if (RevocationSnapshotOptions.From(builder.Configuration, options) is { } snapshot)
        {
            builder.Services.AddSingleton(snapshot);
            builder.Services.AddHttpClient(nameof(RevocationSnapshotLoader));
            builder.Services.AddHostedService<RevocationSnapshotLoader>();
        }
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt => ConfigureJwtBearer(jwt, options));
        builder.Services.AddAuthorization(authorization =>
        {
            foreach (var scope in HubScopes.All)
            {
                authorization.AddPolicy(scope, policy => policy
                    .RequireAuthenticatedUser()
                    .RequireAssertion(context => CallerContext.From(context.User)?.HasScope(scope) == true));
            }
        });
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, HubAuthorizationResultHandler>();
        return builder;
    }

    /// <summary>The caller of the current request; only on endpoints that require authorisation.</summary>
    public static CallerContext GetCaller(this HttpContext context) =>
        CallerContext.From(context.User) ?? throw new InvalidOperationException("The endpoint does not require an authenticated caller.");

    private static RevocationList Revocations(HttpContext context) => context.RequestServices.GetRequiredService<RevocationList>();

    private static ValidatedTokenCache Cache(HttpContext context) => context.RequestServices.GetRequiredService<ValidatedTokenCache>();

    /// <summary>A token validated before skips the signature check; the deny-list is asked again.</summary>
    private static Task UseValidatedTokenAsync(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || !Cache(context.HttpContext).TryGet(header.AsSpan("Bearer ".Length).Trim(), out var cached))
        {
            return Task.CompletedTask;
        }

        if (Revocations(context.HttpContext).IsRevoked(cached.Caller.ClientId, cached.TokenId, cached.IssuedAt))
        {
            context.Fail(new RevokedTokenException());
        }
        else
        {
            context.Principal = cached.Principal;
            context.Success();
        }
        return Task.CompletedTask;
    }

    private static Task CheckValidatedTokenAsync(TokenValidatedContext context)
    {
        var caller = CallerContext.From(context.Principal!);
        if (caller is null)
        {
            context.Fail("The access token lacks the client_id, tenant or unit claim.");
            return Task.CompletedTask;
        }

        var jti = context.Principal!.FindFirst(HubClaims.TokenId)?.Value;
        var token = context.SecurityToken as Microsoft.IdentityModel.JsonWebTokens.JsonWebToken;
        var issuedAt = token is { IssuedAt.Ticks: > 0 } ? new DateTimeOffset(token.IssuedAt, TimeSpan.Zero) : DateTimeOffset.MinValue;
        if (Revocations(context.HttpContext).IsRevoked(caller.ClientId, jti, issuedAt))
        {
            context.Fail(new RevokedTokenException());
            return Task.CompletedTask;
        }

        var principal = new HubPrincipal(context.Principal!, caller);
        context.Principal = principal;
        if (token is not null)
        {
            var expiresAt = new DateTimeOffset(token.ValidTo, TimeSpan.Zero);
            Cache(context.HttpContext).Add(token.EncodedToken, new CachedToken(principal, caller, jti, issuedAt, expiresAt));
        }
        return Task.CompletedTask;
    }

    private static void ConfigureJwtBearer(JwtBearerOptions jwt, HubAuthOptions options)
    {
        // Keep the token's claim names (client_id, scope, tenant, unit) instead of SOAP-era URIs.
        jwt.MapInboundClaims = false;
        jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
        jwt.TokenValidationParameters = TokenValidation.Parameters(options);
        if (options.Jwks is null)
        {
            // Discovery and JWKS from the issuer, refreshed when a token names a key not seen yet,
            // so the issuer's key rotation needs nothing from the services.
            jwt.Authority = options.Issuer;
        }
        else
        {
            jwt.TokenValidationParameters.IssuerSigningKeys = new JsonWebKeySet(options.Jwks).GetSigningKeys();
        }

        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = UseValidatedTokenAsync,
            OnTokenValidated = CheckValidatedTokenAsync,
        };
    }
}
