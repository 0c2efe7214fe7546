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

    /// <summary>Read identity's deny-list: the scope of the client the gateway and services load it with.</summary>
    public const string RevocationsRead = "hub.revocations.read";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Sync, ScoresRead, Admin, RevocationsRead };

    /// <summary>Scopes only the operator's clients may hold.</summary>
    public static readonly IReadOnlySet<string> OperatorOnly = new HashSet<string>(StringComparer.Ordinal) { Admin, RevocationsRead };

    /// <summary>Splits a space-separated scope string (RFC 6749 §3.3) into distinct scopes, in order.</summary>
    public static IReadOnlyList<string> Parse(string? scope) =>
        (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

    public static string Format(IEnumerable<string> scopes) => string.Join(' ', scopes);
}
