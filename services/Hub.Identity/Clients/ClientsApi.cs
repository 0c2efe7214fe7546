using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Hub.Contracts.Identity;
using Hub.Identity.Admin;
using Hub.Identity.Audit;
using Hub.Identity.Data;
using Hub.Identity.Revocation;
using Hub.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Hub.ServiceDefaults.Security;

namespace Hub.Identity.Clients;

public static partial class ClientsApi
{
    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapAdminGroup("clients");
        clients.MapGet("", ListAsync).WithName("ListClients");
        clients.MapGet("{id}", GetAsync).WithName("GetClient");
        clients.MapPost("", CreateAsync).WithName("CreateClient");
        clients.MapPut("{id}/scopes", UpdateScopesAsync).WithName("UpdateClientScopes");
        clients.MapPost("{id}/disable", (string id, IdentityContext db, AuditTrail audit, OutboxSignal signal, TimeProvider time, CancellationToken ct) =>
            SetEnabledAsync(id, enabled: false, db, audit, signal, time, ct)).WithName("DisableClient");
        clients.MapPost("{id}/enable", (string id, IdentityContext db, AuditTrail audit, OutboxSignal signal, TimeProvider time, CancellationToken ct) =>
            SetEnabledAsync(id, enabled: true, db, audit, signal, time, ct)).WithName("EnableClient");
        return app;
    }

    private static async Task<Ok<List<ClientResponse>>> ListAsync(IdentityContext db, string? tenant, CancellationToken cancellationToken)
    {
        var query = db.Clients.AsNoTracking();
        if (!string.IsNullOrEmpty(tenant))
        {
            query = query.Where(c => c.TenantId == tenant);
        }
        var clients = await query.OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(clients.Select(ClientResponse.From).ToList());
    }

    private static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> GetAsync(string id, IdentityContext db, CancellationToken cancellationToken)
    {
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return client is null ? Problems.NotFound($"Client '{id}'") : TypedResults.Ok(ClientResponse.From(client));
    }

    private static async Task<Results<Created<CreatedClientResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateClientRequest request, IdentityContext db, AuditTrail audit, ClientSecretFactory secrets, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var tenant = request.Tenant is null ? null : await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == request.Tenant, cancellationToken);
        if (tenant is null)
        {
            errors.Add("tenant", "The client's tenant must be an existing tenant id.");
        }
        if (request.Id is not null && !IdPattern().IsMatch(request.Id))
        {
            errors.Add("id", "A client id is 3 to 64 lower-case letters, digits, '.', '_' or '-'.");
        }
        if (request.Name is { Length: > 200 })
        {
            errors.Add("name", "A name has at most 200 characters.");
        }
        if (request.SecretLifetimeDays is < 1 or > ClientSecretFactory.MaxLifetimeDays)
        {
            errors.Add("secretLifetimeDays", $"A secret lives 1 to {ClientSecretFactory.MaxLifetimeDays} days.");
        }
        ScopeValidator.Validate(request.Scopes, tenant?.Kind, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        var id = request.Id ?? $"{tenant!.Id}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        if (await db.Clients.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return Problems.Conflict($"Client '{id}' already exists.");
        }
        var client = new Client
        {
            Id = id,
            TenantId = tenant!.Id,
            Name = string.IsNullOrWhiteSpace(request.Name) ? id : request.Name.Trim(),
            Scopes = HubScopes.Format(request.Scopes!.Distinct(StringComparer.Ordinal)),
            CreatedAt = time.GetUtcNow(),
        };
        var (secret, shown) = secrets.Create(id, request.SecretLifetimeDays);
        client.Secrets.Add(secret);
        db.Clients.Add(client);
        var response = ClientResponse.From(client);
        audit.Record("client.created", $"client:{id}", null, new { client = response, secret = SecretResponse.From(secret, secret.CreatedAt) });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{AdminEndpoints.Prefix}/clients/{id}", new CreatedClientResponse(response, shown));
    }

    private static async Task<Results<Ok<ClientResponse>, ValidationProblem, ProblemHttpResult>> UpdateScopesAsync(
        string id, UpdateScopesRequest request, IdentityContext db, AuditTrail audit, OutboxSignal signal, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return Problems.NotFound($"Client '{id}'");
        }
        var kind = await db.Tenants.Where(t => t.Id == client.TenantId).Select(t => t.Kind).SingleAsync(cancellationToken);
        var errors = new ValidationErrors();
        ScopeValidator.Validate(request.Scopes, kind, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        var before = ClientResponse.From(client);
        var removed = client.AllowedScopes.Except(request.Scopes!, StringComparer.Ordinal).ToList();
        client.Scopes = HubScopes.Format(request.Scopes!.Distinct(StringComparer.Ordinal));
        if (removed.Count > 0)
        {
            // The client's live tokens may carry a scope it no longer has: they are cut short.
            client.TokensNotBefore = DenyList.CutAfter(time.GetUtcNow());
            db.Outbox.Add(OutboxMessage.For(new ClientScopesNarrowed(client.Id, client.TenantId, removed, client.TokensNotBefore.Value)));
        }
        var after = ClientResponse.From(client);
        audit.Record("client.scopes-changed", $"client:{id}", before, after);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return TypedResults.Ok(after);
    }

    private static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> SetEnabledAsync(
        string id, bool enabled, IdentityContext db, AuditTrail audit, OutboxSignal signal, TimeProvider time, CancellationToken cancellationToken)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return Problems.NotFound($"Client '{id}'");
        }
        if (client.Enabled == enabled)
        {
            return TypedResults.Ok(ClientResponse.From(client));
        }
        var before = ClientResponse.From(client);
        client.Enabled = enabled;
        var now = time.GetUtcNow();
        if (enabled)
        {
            db.Outbox.Add(OutboxMessage.For(new ClientEnabled(client.Id, client.TenantId, now)));
        }
        else
        {
            db.Outbox.Add(OutboxMessage.For(new ClientDisabled(client.Id, client.TenantId, now)));
        }
        var after = ClientResponse.From(client);
        audit.Record(enabled ? "client.enabled" : "client.disabled", $"client:{id}", before, after);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return TypedResults.Ok(after);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex IdPattern();
}
