using Hub.ServiceDefaults.Data;
using Hub.ServiceDefaults.Messaging;
using Hub.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hub.ServiceDefaults.Tests;

/// <summary>
/// A service built the way every Hub service is (defaults, database, messaging, default endpoints),
/// listening on a real loopback port.
/// </summary>
internal sealed class TestService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestService(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TestService> StartAsync(IDictionary<string, string?> settings, Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (settings.ContainsKey("ConnectionStrings:Postgres"))
        {
            builder.AddHubDbContext<SampleContext>();
        }
        if (settings.ContainsKey("ConnectionStrings:RabbitMQ"))
        {
            builder.AddHubMessaging();
        }
        if (settings.ContainsKey("Hub:Auth:Issuer"))
        {
            builder.AddHubAuthentication();
        }

        var app = builder.Build();
        app.MapDefaultEndpoints();
        map?.Invoke(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new TestService(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
