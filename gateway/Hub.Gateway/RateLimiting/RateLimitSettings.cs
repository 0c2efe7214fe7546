namespace Hub.Gateway.RateLimiting;

/// <summary>
/// The <c>Hub:RateLimits</c> section: named tiers (like an API manager's Bronze/Silver/Gold plans),
/// which tier each tenant is on, and the tier of everyone else.
/// </summary>
public sealed class RateLimitSettings
{
    public const string Section = "Hub:RateLimits";

    public Dictionary<string, RateLimitTier> Tiers { get; init; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Bronze"] = new RateLimitTier(200, 400),
        ["Silver"] = new RateLimitTier(1000, 2000),
        ["Gold"] = new RateLimitTier(5000, 10000),
    };

    /// <summary>Tenant id → tier name.</summary>
    public Dictionary<string, string> Tenants { get; init; } = new(StringComparer.Ordinal);

    public string DefaultTier { get; init; } = "Bronze";

    public RateLimitTier TierOf(string? tenant)
    {
        var name = tenant is not null && Tenants.TryGetValue(tenant, out var assigned) ? assigned : DefaultTier;
        return Tiers.TryGetValue(name, out var tier)
            ? tier
            : throw new InvalidOperationException($"Rate-limit tier '{name}' is not defined under {Section}:Tiers.");
    }
}
