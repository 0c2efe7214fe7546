using Hub.Identity.Audit;
using Hub.Identity.Clients;
using Hub.Identity.Data;
using Hub.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Hub.Identity.Bootstrap;

/// <summary>
/// Makes sure the configured deny-list reader exists and accepts the configured secret: creates the
/// client when it is missing, and adds the secret when none of the client's active secrets is it
/// (a deployment that changed the secret, or one that expired), unless the client may do more than
/// read the deny-list. Nothing else about an existing client changes: its scopes, its state and
/// its other secrets are the operator's to manage.
/// </summary>
internal static class DenyListReaderProvisioner
{
    public static async Task ProvisionAsync(
        IdentityContext db, DenyListReaderOptions reader, ClientSecretFactory secrets, AuditTrail audit, DateTimeOffset now, ILogger logger,
        CancellationToken cancellationToken)
    {
        if (reader.Secret is not { } secret)
        {
            return;
        }
        var client = await db.Clients.Include(c => c.Secrets).SingleOrDefaultAsync(c => c.Id == reader.ClientId, cancellationToken);
        if (client is null)
        {
            client = new Client
            {
                Id = reader.ClientId, TenantId = OperatorBootstrapper.OperatorTenant, Name = "Deny-list reader of the gateway and the services",
                Scopes = HubScopes.RevocationsRead, CreatedAt = now,
            };
            client.Secrets.Add(secrets.Record(client.Id, secret));
            db.Clients.Add(client);
            audit.Record("client.created", $"client:{client.Id}", null, ClientResponse.From(client));
            IdentityLog.DenyListReaderCreated(logger, client.Id);
            return;
        }
        if (client.Secrets.Any(s => s.IsActive(now) && SecretHasher.Verify(secret, s.Salt, s.Hash)))
        {
            return;
        }
        // A secret handed to every service must never open more than the deny-list.
        if (client.TenantId != OperatorBootstrapper.OperatorTenant || !client.AllowedScopes.SequenceEqual([HubScopes.RevocationsRead]))
        {
            IdentityLog.DenyListReaderNotProvisioned(logger, client.Id);
            return;
        }
        // Added to its set, not to the tracked client's list: a record with its key already set,
        // reached through a tracked entity, would be taken for an existing row to update.
        var record = secrets.Record(client.Id, secret);
        db.ClientSecrets.Add(record);
        audit.Record("secret.created", $"client:{client.Id}", null, SecretResponse.From(record, now));
        IdentityLog.DenyListReaderSecretAdded(logger, client.Id);
    }
}
