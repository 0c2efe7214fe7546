namespace Hub.ServiceDefaults.Security;

/// <summary>The scopes a client may hold; each is also the name of the policy that requires it.</summary>
public static class HubScopes
{
    /// <summary>Push data for units in the tenant's own subtree.</summary>
    public const string Sync = "hub.sync";

    /// <summary>Read scores: a province its own subtree, a ministry and the operator everything.</summary>
    public const string ScoresRead = "hub.scores.read";

    /// <summary>Manage units, tenants and clients.</summary>
    public const string Admin = "hub.admin";

    public static readonly IReadOnlyList<string> All = [Sync, ScoresRead, Admin];
}
