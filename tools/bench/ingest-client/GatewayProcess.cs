using Hub.Testing;

namespace Hub.Bench.Ingest;

/// <summary>
/// The gateway as a process of its own, with its own appsettings.json for routes and policies, in
/// front of services a bench started (also linked into the scoring bench). Every client is on an
/// unlimited rate tier and the access log is off: the benches measure the path, not the limits.
/// </summary>
public static class GatewayProcess
{
    /// <param name="environment">What every process of the bench gets: broker, token issuer, log levels.</param>
    /// <param name="destinations">The only destination of each cluster the bench routes to, by cluster id ("dossiers", …).</param>
    public static async Task<(ServiceProcess Process, Uri Http, Uri Grpc)> StartAsync(
        string dll, IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, string> destinations)
    {
        var (http, grpc) = (FreePort.Next(), FreePort.Next());
        var own = new Dictionary<string, string>(environment)
        {
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{http}",
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpc}",
            ["Hub__RateLimits__DefaultTier"] = "Unlimited",
            ["Hub__RateLimits__Tiers__Unlimited__PerSecond"] = "10000000",
            ["Hub__RateLimits__Tiers__Unlimited__Burst"] = "10000000",
            ["Logging__LogLevel__Hub.Gateway.Logging"] = "Warning",
        };
        foreach (var (cluster, address) in destinations)
        {
            // appsettings.json names each cluster's destination "<cluster>-1".
            own[$"ReverseProxy__Clusters__{cluster}__Destinations__{cluster}-1__Address"] = address;
        }
        var process = await ServiceProcess.StartAsync(dll, own, http, http2: false, migrate: false);
        return (process, new Uri($"http://127.0.0.1:{http}/"), new Uri($"http://127.0.0.1:{grpc}"));
    }
}
