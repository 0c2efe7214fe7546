using Hub.Bench.Ingest;
using Hub.Grpc.Client;
using Hub.Testing;

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
    public string DossiersDatabase { get; private set; } = "";
    public string ScoringDatabase { get; private set; } = "";
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
        var (dossiers, scoring, scoringGrpc) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        DossiersDatabase = await BenchDatabase.CreateAsync(settings.PostgresServer, "bench_dossiers");
        ScoringDatabase = await BenchDatabase.CreateAsync(settings.PostgresServer, "bench_scoring");
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
            ["ConnectionStrings__Postgres"] = DossiersDatabase,
            ["Hub__ServiceName"] = "dossiers",
            ["Sync__ApplicantHashKey"] = "bench-only-applicant-hash-key-0123456789",
        }), dossiers));
        _processes.Add(await ServiceProcess.StartAsync(settings.ScoringDll, With(common, new()
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{scoring}",
            ["Scoring__GrpcUrl"] = $"http://127.0.0.1:{scoringGrpc}",
            ["ConnectionStrings__Postgres"] = ScoringDatabase,
            ["Hub__ServiceName"] = "scoring",
        }), scoring, http2: false));
        var (gateway, gatewayRest, gatewayGrpc) = await GatewayProcess.StartAsync(settings.GatewayDll, common, new Dictionary<string, string>
        {
            ["dossiers"] = $"http://127.0.0.1:{dossiers}",
            ["scoring"] = $"http://127.0.0.1:{scoringGrpc}",
            ["scoring-grpc"] = $"http://127.0.0.1:{scoringGrpc}",
        });
        _processes.Add(gateway);
        GatewayRest = gatewayRest;
        ScoringRest = new Uri($"http://127.0.0.1:{scoring}/");
        GatewayGrpc = GrpcChannel.ForAddress(gatewayGrpc);
        ReaderToken = _issuer.Issue(new TestToken("operator", "VN", ["hub.scores.read"]) { Lifetime = TimeSpan.FromHours(2) });
        Province79 = new CallOptions { BearerToken = _issuer.Issue(new TestToken("tenant-79", "79", ["hub.sync"]) { Lifetime = TimeSpan.FromHours(2) }) };
        Province01 = new CallOptions { BearerToken = _issuer.Issue(new TestToken("tenant-01", "01", ["hub.sync"]) { Lifetime = TimeSpan.FromHours(2) }) };
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ReaderToken);
    }

    private static Dictionary<string, string> With(Dictionary<string, string> common, Dictionary<string, string> own) =>
        common.Concat(own).ToDictionary(p => p.Key, p => p.Value);

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
