using Hub.Contracts.Identity;
using Hub.Identity.Admin;
using Hub.Identity.Audit;
using Hub.Identity.Data;
using Hub.Outbox;
using Hub.Identity.Revocation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hub.Identity.Clients;

/// <summary>
/// A client's secrets. Rotating is adding a secret: old and new both work until the old one is
/// revoked here or expires, so a province can switch its systems over without downtime.
/// </summary>
public static class SecretsApi
{
    public static IEndpointRouteBuilder MapSecretsApi(this IEndpointRouteBuilder app)
    {
        var secrets = app.MapAdminGroup("clients");
        secrets.MapGet("{id}/secrets", ListAsync).WithName("ListClientSecrets");
        secrets.MapPost("{id}/secrets", CreateAsync).WithName("CreateClientSecret");
        secrets.MapDelete("{id}/secrets/{secretId:guid}", RevokeAsync).WithName("RevokeClientSecret");
        return app;
    }

    private static async Task<Results<Ok<List<SecretResponse>>, ProblemHttpResult>> ListAsync(
        string id, IdentityContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await db.Clients.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return Problems.NotFound($"Client '{id}'");
        }
        var now = time.GetUtcNow();
        var secrets = await db.ClientSecrets.AsNoTracking().Where(s => s.ClientId == id).OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(secrets.Select(s => SecretResponse.From(s, now)).ToList());
    }

    private static async Task<Results<Created<NewSecretResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string id, CreateSecretRequest? request, IdentityContext db, AuditTrail audit, ClientSecretFactory factory, CancellationToken cancellationToken)
    {
        if (request?.LifetimeDays is < 1 or > ClientSecretFactory.MaxLifetimeDays)
        {
            return Problems.Invalid(new ValidationErrors().Add("lifetimeDays", $"A secret lives 1 to {ClientSecretFactory.MaxLifetimeDays} days."));
        }
        if (!await db.Clients.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return Problems.NotFound($"Client '{id}'");
        }
        var (secret, shown) = factory.Create(id, request?.LifetimeDays);
        db.ClientSecrets.Add(secret);
        audit.Record("secret.created", $"client:{id}", null, SecretResponse.From(secret, secret.CreatedAt));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{AdminEndpoints.Prefix}/clients/{id}/secrets/{secret.Id}", shown);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string id, Guid secretId, IdentityContext db, AuditTrail audit, OutboxSignal signal, TimeProvider time, CancellationToken cancellationToken)
    {
        var secret = await db.ClientSecrets.SingleOrDefaultAsync(s => s.Id == secretId && s.ClientId == id, cancellationToken);
        if (secret is null)
        {
            return Problems.NotFound($"Secret '{secretId}' of client '{id}'");
        }
        if (secret.RevokedAt is not null)
        {
            return TypedResults.NoContent();
        }
        var at = time.GetUtcNow();
        var now = DenyList.TokensValidFrom(at);
        var before = SecretResponse.From(secret, now);
        secret.RevokedAt = now;
        // A token obtained with the secret earlier in the same second must not outlive it: the client's
        // tokens are cut at the next second (its tokens from other secrets are fetched again).
        var client = await db.Clients.SingleAsync(c => c.Id == id, cancellationToken);
        var cut = DenyList.CutAfter(at);
        client.TokensNotBefore = client.TokensNotBefore > cut ? client.TokensNotBefore : cut;
        db.Outbox.Add(OutboxMessage.For(new ClientSecretRevoked(id, client.TenantId, secretId, now, cut)));
        audit.Record("secret.revoked", $"client:{id}", before, SecretResponse.From(secret, now));
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return TypedResults.NoContent();
    }
}
