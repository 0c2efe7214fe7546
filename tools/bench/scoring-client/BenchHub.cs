using Hub.Bench.Ingest;
using Hub.Grpc.Client;
using Hub.Testing;
using Npgsql;

namespace Hub.Bench.Scoring;

/// <summary>
/// Dossiers, scoring and the gateway as processes, configured by environment as in a deployment,
/// trusting one test issuer; the gateway's routes are its own appsettings.json.
/// </summary>
public sealed class BenchHub : IAsyncDisposable
{
    private readonly List<ServiceProcess> _processes = [];
    private readonly TestTokenIssuer _issuer = new();

    private BenchHub()
    {
    }

    public Uri GatewayRest { get; private set; } = null!;
    public Uri ScoringRest { get; private set; } = null!;
    public GrpcChannel GatewayGrpc { get; private set; } = null!;
    public HttpClient Http { get; } = new();
    public string ReaderToken { get; private set; } = "";
    public CallOptions Province79 { get; private set; } = null!;
    public CallOptions Province01 { get; private set; } = null!;
    public string Month { get; } = Hub.Bench.Scoring.LocalMonth.Now();
    public string RankingPath => $"api/v1/scores/rankings?level=commune&period={Month}";

    public static async Task<BenchHub> StartAsync(RigSettings settings)
    {
        var hub = new BenchHub();
        await hub.StartProcessesAsync(settings);
        return hub;
    }

    private async Task StartProcessesAsync(RigSettings settings)
    {
        var (dossiers, scoring, scoringGrpc, gatewayHttp, gatewayGrpc) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__RabbitMQ"] = settings.RabbitMq.ToString(),
            ["Hub__Auth__Issuer"] = _issuer.Issuer,
            ["Hub__Auth__Jwks"] = _issuer.JwksJson,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        _processes.Add(await ServiceProcess.StartAsync(settings.DossiersDll, With(common, new()
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{dossiers}",
            ["ConnectionStrings__Postgres"] = await CreateDatabaseAsync(settings.PostgresServer, "bench_dossiers"),
            ["Hub__ServiceName"] = "dossiers",
            ["Sync__ApplicantHashKey"] = "bench-only-applicant-hash-key-0123456789",
        }), dossiers));
        _processes.Add(await ServiceProcess.StartAsync(settings.ScoringDll, With(common, new()
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{scoring}",
            ["Scoring__GrpcUrl"] = $"http://127.0.0.1:{scoringGrpc}",
            ["ConnectionStrings__Postgres"] = await CreateDatabaseAsync(settings.PostgresServer, "bench_scoring"),
            ["Hub__ServiceName"] = "scoring",
        }), scoring, http2: false));
        _processes.Add(await ServiceProcess.StartAsync(settings.GatewayDll, With(common, new()
        {
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{gatewayHttp}",
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{gatewayGrpc}",
            ["Hub__RateLimits__DefaultTier"] = "Unlimited",
            ["Hub__RateLimits__Tiers__Unlimited__PerSecond"] = "10000000",
            ["Hub__RateLimits__Tiers__Unlimited__Burst"] = "10000000",
            ["ReverseProxy__Clusters__dossiers__Destinations__dossiers-1__Address"] = $"http://127.0.0.1:{dossiers}",
            ["ReverseProxy__Clusters__scoring__Destinations__scoring-1__Address"] = $"http://127.0.0.1:{scoring}",
            ["ReverseProxy__Clusters__scoring-grpc__Destinations__scoring-grpc-1__Address"] = $"http://127.0.0.1:{scoringGrpc}",
            ["Logging__LogLevel__Hub.Gateway.Logging"] = "Warning",
        }), gatewayHttp, http2: false, migrate: false));
        GatewayRest = new Uri($"http://127.0.0.1:{gatewayHttp}/");
        ScoringRest = new Uri($"http://127.0.0.1:{scoring}/");
        GatewayGrpc = GrpcChannel.ForAddress($"http://127.0.0.1:{gatewayGrpc}");
        ReaderToken = _issuer.Issue(new TestToken("operator", "VN", ["hub.scores.read"]) { Lifetime = TimeSpan.FromHours(2) });
        Province79 = new CallOptions { BearerToken = _issuer.Issue(new TestToken("tenant-79", "79", ["hub.sync"]) { Lifetime = TimeSpan.FromHours(2) }) };
        Province01 = new CallOptions { BearerToken = _issuer.Issue(new TestToken("tenant-01", "01", ["hub.sync"]) { Lifetime = TimeSpan.FromHours(2) }) };
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ReaderToken);
    }

    private static Dictionary<string, string> With(Dictionary<string, string> common, Dictionary<string, string> own) =>
        common.Concat(own).ToDictionary(p => p.Key, p => p.Value);

    private static async Task<string> CreateDatabaseAsync(string server, string name)
    {
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        GatewayGrpc?.Dispose();
        Http.Dispose();
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }
        _issuer.Dispose();
    }
}
