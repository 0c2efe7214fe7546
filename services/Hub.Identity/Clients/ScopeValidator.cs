using Hub.Identity.Admin;
using Hub.Identity.Tenants;
using Hub.ServiceDefaults.Security;

namespace Hub.Identity.Clients;

public static class ScopeValidator
{
    /// <summary>Known scopes only, at least one, and <c>hub.admin</c> and <c>hub.revocations.read</c> only for the operator's clients.</summary>
    public static void Validate(IReadOnlyList<string>? scopes, string? tenantKind, ValidationErrors errors)
    {
        if (scopes is null || scopes.Count == 0)
        {
            errors.Add("scopes", $"At least one scope is required: {string.Join(", ", HubScopes.All)}.");
            return;
        }
        foreach (var scope in scopes.Where(s => !HubScopes.All.Contains(s)))
        {
            errors.Add("scopes", $"'{scope}' is not a hub scope; scopes are {string.Join(", ", HubScopes.All)}.");
        }
        if (tenantKind is not null && tenantKind != TenantKind.Operator)
        {
            foreach (var scope in scopes.Where(HubScopes.OperatorOnly.Contains))
            {
                errors.Add("scopes", $"Only the operator's clients may have {scope}.");
            }
        }
    }
}
