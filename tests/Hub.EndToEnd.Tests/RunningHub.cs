using System.Text.RegularExpressions;
using Hub.Testing;

namespace Hub.EndToEnd.Tests;

/// <summary>
/// Identity, the dossier service, scoring and the gateway as separate processes on loopback ports, with
/// databases of their own on the run's PostgreSQL and the run's RabbitMQ — what `tools/hub up`
/// brings up, and what a provincial system sees from outside.
/// </summary>
public sealed partial class RunningHub : IAsyncLifetime
{
    private readonly PostgresDatabase _identityDatabase = new();
    private readonly PostgresDatabase _dossiersDatabase = new();
    private readonly PostgresDatabase _scoringDatabase = new();
    private readonly List<ServiceProcess> _processes = [];
    private readonly Dictionary<string, ServiceProcess> _firstByProject = new(StringComparer.Ordinal);
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];
    private Dictionary<string, string> _gatewayEnvironment = [];

    public Uri Rest { get; private set; } = null!;

    public Uri Grpc { get; private set; } = null!;

    public string AdminClientId { get; private set; } = "";

    public string AdminSecret { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        await _identityDatabase.InitializeAsync();
        await _dossiersDatabase.InitializeAsync();
        await _scoringDatabase.InitializeAsync();
        var (identityPort, dossiersPort, scoringPort, scoringGrpcPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        var identityUrl = $"http://127.0.0.1:{identityPort}";
        Dictionary<string, string> Common(string name) => new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__RabbitMQ"] = servers.RabbitMqUri.ToString(),
            ["Hub__ServiceName"] = $"{name}-e2e-{_suffix}",
            ["Hub__Auth__Issuer"] = identityUrl,
        };

        var identityEnvironment = Common("identity");
        identityEnvironment["ASPNETCORE_URLS"] = identityUrl;
        identityEnvironment["ConnectionStrings__Postgres"] = _identityDatabase.ConnectionString;
        identityEnvironment["Hub__Identity__Issuer"] = identityUrl;
        var identity = await StartAsync("services/Hub.Identity", identityEnvironment, new Uri(identityUrl + "/healthz"));
        ReadBootstrapSecret(identity.Output);
        // The gateway and the services load identity's deny-list at start-up with a client of their own,
        // registered by the operator as a deployment would.
        var denyListReader = await RegisterDenyListReaderAsync(new Uri(identityUrl));
        void ReadsDenyList(Dictionary<string, string> environment)
        {
            environment["Hub__Auth__Revocations__ClientId"] = DenyListReaderId;
            environment["Hub__Auth__Revocations__ClientSecret"] = denyListReader;
        }

        var dossiersEnvironment = Common("dossiers");
        dossiersEnvironment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{dossiersPort}";
        dossiersEnvironment["ConnectionStrings__Postgres"] = _dossiersDatabase.ConnectionString;
        ReadsDenyList(dossiersEnvironment);
        await StartAsync("services/Hub.Dossiers", dossiersEnvironment, new Uri($"http://127.0.0.1:{dossiersPort}/healthz"));

        var scoringEnvironment = Common("scoring");
        scoringEnvironment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{scoringPort}";
        scoringEnvironment["Scoring__GrpcUrl"] = $"http://127.0.0.1:{scoringGrpcPort}";
        scoringEnvironment["ConnectionStrings__Postgres"] = _scoringDatabase.ConnectionString;
        ReadsDenyList(scoringEnvironment);
        await StartAsync("services/Hub.Scoring", scoringEnvironment, new Uri($"http://127.0.0.1:{scoringPort}/healthz"));

        var gatewayEnvironment = Common("gateway");
        gatewayEnvironment["ReverseProxy__Clusters__identity__Destinations__identity-1__Address"] = identityUrl;
        gatewayEnvironment["ReverseProxy__Clusters__dossiers__Destinations__dossiers-1__Address"] = $"http://127.0.0.1:{dossiersPort}";
        gatewayEnvironment["ReverseProxy__Clusters__scoring__Destinations__scoring-1__Address"] = $"http://127.0.0.1:{scoringGrpcPort}";
        gatewayEnvironment["ReverseProxy__Clusters__scoring-grpc__Destinations__scoring-grpc-1__Address"] = $"http://127.0.0.1:{scoringGrpcPort}";
        ReadsDenyList(gatewayEnvironment);
        _gatewayEnvironment = gatewayEnvironment;
        (Rest, Grpc) = await StartGatewayAsync();
    }

    /// <summary>Another gateway replica, started now: it knows only what identity's snapshot tells it.</summary>
    public async Task<(Uri Http, Uri Grpc)> StartGatewayAsync()
    {
        var (restPort, grpcPort) = (FreePort.Next(), FreePort.Next());
        var environment = new Dictionary<string, string>(_gatewayEnvironment)
        {
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{restPort}",
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
        };
        var rest = new Uri($"http://127.0.0.1:{restPort}");
        await StartAsync("gateway/Hub.Gateway", environment, new Uri(rest, "/healthz"));
        return (rest, new Uri($"http://127.0.0.1:{grpcPort}"));
    }

    /// <summary>What the first process started from a project folder has written so far.</summary>
    public string OutputOf(string project) => _firstByProject[project].Output;

    private const string DenyListReaderId = "hub-services";

    /// <summary>The operator's client with <c>hub.revocations.read</c> only; returns its secret.</summary>
    private async Task<string> RegisterDenyListReaderAsync(Uri identity)
    {
        using var http = new HttpClient { BaseAddress = identity };
        var admin = await HubAdmin.TokenAsync(http, AdminClientId, AdminSecret, "hub.admin");
        return await HubAdmin.RegisterClientAsync(
            http, admin, ("operator", "Hub operator", "operator", "VN"), DenyListReaderId, "Deny-list reader of the hub's services", "hub.revocations.read");
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
        await _scoringDatabase.DisposeAsync();
        await _dossiersDatabase.DisposeAsync();
        await _identityDatabase.DisposeAsync();
    }

    private async Task<ServiceProcess> StartAsync(string project, Dictionary<string, string> environment, Uri health)
    {
        var process = await ServiceProcess.StartAsync(project, environment, health);
        _processes.Add(process);
        _firstByProject.TryAdd(project, process);
        return process;
    }

    /// <summary>The first start of identity prints the operator's admin client and its secret, once.</summary>
    private void ReadBootstrapSecret(string output)
    {
        var client = AdminClientPattern().Match(output);
        var secret = SecretPattern().Match(output, client.Success ? client.Index : 0);
        Assert.True(client.Success && secret.Success, "identity did not print its bootstrap secret:\n" + output);
        AdminClientId = client.Groups["id"].Value;
        AdminSecret = secret.Groups["secret"].Value;
    }


    [GeneratedRegex("admin client '(?<id>[^']+)'")]
    private static partial Regex AdminClientPattern();

    [GeneratedRegex(@"^\s{4,}(?<secret>\S{20,})\s*$", RegexOptions.Multiline)]
    private static partial Regex SecretPattern();
}
