namespace Hub.Gateway.RateLimiting;

/// <summary>A plan a tenant is on: a token bucket refilled at <see cref="PerSecond"/> up to <see cref="Burst"/>.</summary>
public sealed record RateLimitTier(int PerSecond, int Burst);
