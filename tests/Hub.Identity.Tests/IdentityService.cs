using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hub.Identity.Bootstrap;
using Hub.Identity.Data;
using Hub.ServiceDefaults.Data;
using Hub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hub.Identity.Tests;

/// <summary>
/// The identity service on a real port, with a fresh database on the run's PostgreSQL and the run's
/// RabbitMQ, a clock the tests move, and the bootstrap admin secret captured from its first start.
/// </summary>
public partial class IdentityService : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly List<WebApplicationFactory<Program>> _factories = [];

    public FakeTime Time { get; } = new(DateTimeOffset.UtcNow);
    public Uri BaseAddress { get; private set; } = null!;
    public HubServers Servers { get; private set; } = null!;
    public string AdminSecret { get; private set; } = "";
    public string ConnectionString => _database.ConnectionString;
    public HttpClient Http { get; private set; } = null!;
    public IServiceProvider Services => _factories[0].Services;

    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    public virtual async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Servers = await TestServers.GetAsync();
        await using (var dataSource = NpgsqlDataSource.Create(_database.ConnectionString))
        await using (var db = new IdentityContext(new DbContextOptionsBuilder<IdentityContext>().UseHubPostgres(dataSource).Options))
        {
            await db.Database.MigrateAsync();
        }
        var bootstrap = new StringWriter();
        (BaseAddress, _) = await StartAsync(bootstrap);
        AdminSecret = SecretLine().Match(bootstrap.ToString()).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(AdminSecret), $"No bootstrap secret printed:\n{bootstrap}");
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    /// <summary>Starts (another) instance of the service on the same database, as after a restart or a second replica.</summary>
    public async Task<(Uri Address, WebApplicationFactory<Program> Factory)> StartAsync(StringWriter? bootstrap = null)
    {
        // A port found free can be taken by a parallel test before Kestrel binds it: try another.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnAsync(FreePort(), bootstrap);
            }
            catch (IOException) when (attempt < 3)
            {
            }
        }
    }

    private Task<(Uri Address, WebApplicationFactory<Program> Factory)> StartOnAsync(int port, StringWriter? bootstrap)
    {
        var address = new Uri($"http://127.0.0.1:{port}/");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = _database.ConnectionString,
            ["ConnectionStrings:RabbitMQ"] = Servers.RabbitMqUri.ToString(),
            ["Hub:ServiceName"] = "identity-tests",
            ["Hub:Identity:Issuer"] = BaseAddress?.ToString().TrimEnd('/') ?? address.ToString().TrimEnd('/'),
        };
        Configure(settings);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(Time);
                services.AddSingleton(new BootstrapOutput { Writer = bootstrap ?? new StringWriter() });
                services.AddSingleton<IStartupFilter, TestAddressFilter>();
            });
        });
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        try
        {
            factory.StartServer();
        }
        catch
        {
            factory.Dispose();
            throw;
        }
        _factories.Add(factory);
        return Task.FromResult((address, factory));
    }

    public async Task<HttpResponseMessage> RequestTokenAsync(string clientId, string secret, string? scope = null, string? address = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "connect/token");
        request.Headers.Authorization = Basic(clientId, secret);
        if (address is not null)
        {
            request.Headers.Add(TestAddressFilter.Header, address);
        }
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (scope is not null)
        {
            form["scope"] = scope;
        }
        request.Content = new FormUrlEncodedContent(form);
        return await Http.SendAsync(request);
    }

    public async Task<string> TokenAsync(string clientId, string secret, string? scope = null)
    {
        using var response = await RequestTokenAsync(clientId, secret, scope);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    /// <summary>An HttpClient that calls the admin API as the bootstrap admin client.</summary>
    public async Task<HttpClient> AdminAsync() => WithToken(await TokenAsync(OperatorBootstrapper.AdminClient, AdminSecret));

    public HttpClient WithToken(string token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates a tenant if needed, then a client; returns the client's first secret.</summary>
    public async Task<(string Id, string Secret, Guid SecretId)> CreateClientAsync(string tenant, string kind, string unit, string id, params string[] scopes)
    {
        using var admin = await AdminAsync();
        using var tenantResponse = await admin.PostAsJsonAsync("api/v1/admin/tenants", new { id = tenant, name = $"Tenant {tenant}", kind, unit });
        Assert.True(tenantResponse.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await tenantResponse.Content.ReadAsStringAsync());
        using var response = await admin.PostAsJsonAsync("api/v1/admin/clients", new { tenant, id, name = id, scopes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var secret = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret");
        return (id, secret.GetProperty("secret").GetString()!, secret.GetProperty("id").GetGuid());
    }

    public static AuthenticationHeaderValue Basic(string id, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(id)}:{Uri.EscapeDataString(secret)}")));

    public virtual async Task DisposeAsync()
    {
        Http?.Dispose();
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }
        await _database.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^\s{4,}([A-Za-z0-9_-]{43})\s*$", RegexOptions.Multiline)]
    private static partial Regex SecretLine();
}
