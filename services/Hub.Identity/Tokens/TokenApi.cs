using Hub.Contracts.Identity;
using Hub.Identity.Clients;
using Hub.Identity.Data;
using Hub.Outbox;
using Hub.Identity.Revocation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Hub.ServiceDefaults.Security;

namespace Hub.Identity.Tokens;

/// <summary>The token endpoint (RFC 6749 client credentials) and the revocation endpoint (RFC 7009).</summary>
public static class TokenApi
{
    public const string TokenPath = "/connect/token";
    public const string RevocationPath = "/connect/revocation";

    public static IEndpointRouteBuilder MapTokenApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(TokenPath, IssueAsync).DisableAntiforgery().WithName("Token").WithTags("oauth");
        app.MapPost(RevocationPath, RevokeAsync).DisableAntiforgery().WithName("Revoke").WithTags("oauth");
        return app;
    }

    private static async Task<Results<JsonHttpResult<TokenResponse>, JsonHttpResult<OAuthErrorResponse>>> IssueAsync(
        HttpContext http, ClientAuthenticator authenticator, AuthenticationThrottle throttle, AccessTokenIssuer issuer,
        ILogger<AccessTokenIssuer> logger, CancellationToken cancellationToken)
    {
        NoStore(http.Response);
        var (form, formError) = await ReadFormAsync(http.Request, cancellationToken);
        if (formError is not null)
        {
            return formError;
        }
        var grantType = form!["grant_type"].ToString();
        if (grantType.Length == 0)
        {
            return OAuthErrors.BadRequest(OAuthErrors.InvalidRequest, "grant_type is required.");
        }
        var (client, authError) = await AuthenticateAsync(http, form, authenticator, throttle, logger, cancellationToken);
        if (authError is not null)
        {
            return authError;
        }
        if (grantType != "client_credentials")
        {
            return OAuthErrors.BadRequest(OAuthErrors.UnsupportedGrantType, $"Grant type '{grantType}' is not supported; use client_credentials.");
        }
        var requested = HubScopes.Parse(form["scope"].ToString());
        var refused = requested.Where(s => !client!.AllowedScopes.Contains(s)).ToList();
        if (refused.Count > 0)
        {
            return OAuthErrors.BadRequest(OAuthErrors.InvalidScope, $"Scope not allowed for this client: {string.Join(' ', refused)}.");
        }
        // No scope asked for: the client gets every scope it is allowed (RFC 6749 §3.3 default).
        var granted = requested.Count > 0 ? requested : client!.AllowedScopes;
        return TypedResults.Json(await issuer.IssueAsync(client!, granted, cancellationToken));
    }

    /// <summary>
    /// RFC 7009: a client revokes one of its own access tokens. Tokens that are not ours, malformed
    /// or already expired are answered 200 as the RFC asks, since there is nothing left to revoke.
    /// </summary>
    private static async Task<Results<Ok, JsonHttpResult<OAuthErrorResponse>>> RevokeAsync(
        HttpContext http, ClientAuthenticator authenticator, AuthenticationThrottle throttle, AccessTokenReader reader,
        IdentityContext db, OutboxSignal signal, TimeProvider time, ILogger<AccessTokenIssuer> logger, CancellationToken cancellationToken)
    {
        NoStore(http.Response);
        var (form, formError) = await ReadFormAsync(http.Request, cancellationToken);
        if (formError is not null)
        {
            return formError;
        }
        var (client, authError) = await AuthenticateAsync(http, form!, authenticator, throttle, logger, cancellationToken);
        if (authError is not null)
        {
            return authError;
        }
        var value = form!["token"].ToString();
        if (value.Length == 0)
        {
            return OAuthErrors.BadRequest(OAuthErrors.InvalidRequest, "token is required.");
        }
        var token = await reader.ReadAsync(value, cancellationToken);
        var now = time.GetUtcNow();
        if (token is null || token.ValidTo <= now.UtcDateTime)
        {
            return TypedResults.Ok();
        }
        var owner = token.TryGetPayloadValue<string>("client_id", out var id) ? id : null;
        if (owner != client!.ClientId)
        {
            return OAuthErrors.BadRequest(OAuthErrors.InvalidRequest, "The token was not issued to this client.");
        }
        if (await db.RevokedTokens.AnyAsync(t => t.Jti == token.Id, cancellationToken))
        {
            return TypedResults.Ok();
        }
        var expires = new DateTimeOffset(token.ValidTo, TimeSpan.Zero);
        db.RevokedTokens.Add(new RevokedToken { Jti = token.Id, ClientId = owner, ExpiresAt = expires, RevokedAt = now });
        db.Outbox.Add(OutboxMessage.For(new TokenRevoked(token.Id, owner, expires, now)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Revoked concurrently by another request: the outcome the client asked for.
            db.ChangeTracker.Clear();
            if (await db.RevokedTokens.AnyAsync(t => t.Jti == token.Id, cancellationToken))
            {
                return TypedResults.Ok();
            }
            throw;
        }
        signal.Notify();
        return TypedResults.Ok();
    }

    private static async Task<(IFormCollection? Form, JsonHttpResult<OAuthErrorResponse>? Error)> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return (null, OAuthErrors.BadRequest(OAuthErrors.InvalidRequest, "The request must be application/x-www-form-urlencoded."));
        }
        var form = await request.ReadFormAsync(cancellationToken);
        var repeated = form.Where(f => f.Value.Count > 1).Select(f => f.Key).ToList();
        return repeated.Count > 0
            ? (null, OAuthErrors.BadRequest(OAuthErrors.InvalidRequest, $"Parameters must not repeat: {string.Join(", ", repeated)}."))
            : (form, null);
    }

    private static async Task<(AuthenticatedClient? Client, JsonHttpResult<OAuthErrorResponse>? Error)> AuthenticateAsync(
        HttpContext http, IFormCollection form, ClientAuthenticator authenticator, AuthenticationThrottle throttle,
        ILogger logger, CancellationToken cancellationToken)
    {
        var (credentials, error) = ClientCredentialsReader.Read(http.Request, form);
        if (error is not null)
        {
            return (null, error);
        }
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.RetryAfter(credentials!.ClientId, address) is { } wait)
        {
            IdentityLog.ClientAuthenticationThrottled(logger, credentials.ClientId, address, wait);
            return (null, OAuthErrors.Throttled(http.Response, wait));
        }
        var client = await authenticator.AuthenticateAsync(credentials, cancellationToken);
        if (client is null)
        {
            throttle.RecordFailure(credentials.ClientId, address);
            IdentityLog.ClientAuthenticationFailed(logger, credentials.ClientId, address);
            return (null, OAuthErrors.InvalidClientResult(http.Response, "Client authentication failed."));
        }
        throttle.RecordSuccess(credentials.ClientId, address);
        return client.Enabled
            ? (client, null)
            : (null, OAuthErrors.InvalidClientResult(http.Response, "The client is disabled."));
    }

    /// <summary>RFC 6749 §5.1: responses with tokens or credentials must not be cached.</summary>
    private static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }
}
