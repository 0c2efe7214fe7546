namespace Hub.Sync.Callers;

public static class SyncScopes
{
    /// <summary>Push data for units in the tenant's own subtree.</summary>
    public const string Sync = "hub.sync";
}
