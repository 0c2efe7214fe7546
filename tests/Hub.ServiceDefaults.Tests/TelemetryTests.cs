using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.ServiceDefaults.Tests;

/// <summary>With OTEL_EXPORTER_OTLP_ENDPOINT set, a service's request spans reach the collector.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Request_spans_are_exported_to_the_configured_OTLP_collector()
    {
        await using var collector = await OtlpCollector.StartAsync();
        var serviceName = $"telemetry-test-{Guid.NewGuid():N}";
        var service = await TestService.StartAsync(
            new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address.ToString(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_SERVICE_NAME"] = serviceName,
            },
            app => app.MapGet("/ping", () => "pong"));

        Assert.Equal("pong", await service.Client.GetStringAsync(new Uri("/ping", UriKind.Relative)));
        await service.DisposeAsync(); // stopping the host flushes what is still batched

        var traces = collector.Received("/v1/traces");
        Assert.NotEmpty(traces);
        Assert.Contains(traces, body => body.Contains(serviceName, StringComparison.Ordinal));
    }

    /// <summary>The smallest OTLP/HTTP collector: it keeps what is posted to it.</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, string Body)> _posts;

        private OtlpCollector(WebApplication app, ConcurrentQueue<(string, string)> posts, Uri address)
        {
            _app = app;
            _posts = posts;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<OtlpCollector> StartAsync()
        {
            var posts = new ConcurrentQueue<(string, string)>();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapPost("/v1/{signal}", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                posts.Enqueue((request.Path, Encoding.Latin1.GetString(body.ToArray())));
                return Results.Ok();
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new OtlpCollector(app, posts, new Uri(address));
        }

        public List<string> Received(string path) => _posts.Where(p => p.Path == path).Select(p => p.Body).ToList();

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
