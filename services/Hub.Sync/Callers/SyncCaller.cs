namespace Hub.Sync.Callers;

/// <summary>Who is calling, from the validated access token: the tenant and the root of its unit subtree.</summary>
public sealed record SyncCaller(string Tenant, string UnitCode, IReadOnlySet<string> Scopes);
