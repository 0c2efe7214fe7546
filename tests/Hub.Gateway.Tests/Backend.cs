using System.Net;
using Hub.Gateway.Tests.Probe;
using Hub.Grpc.Hosting;
using Hub.Testing;
using Hub.Grpc.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hub.Gateway.Tests;

/// <summary>
/// A service behind the gateway, on the project's own gRPC transport: the Probe service and
/// /readyz over HTTP/2 cleartext, and a REST endpoint over HTTP/1.1. It can be stopped and started
/// again on the same ports.
/// </summary>
internal sealed class Backend : IAsyncDisposable
{
    private WebApplication? _app;

    private Backend(int grpcPort, int restPort)
    {
        GrpcPort = grpcPort;
        RestPort = restPort;
    }

    public int GrpcPort { get; }

    public int RestPort { get; }

    public static async Task<Backend> StartAsync()
    {
        var backend = new Backend(FreePort.Next(), FreePort.Next());
        await backend.RestartAsync();
        return backend;
    }

    public async Task RestartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Only the listeners below: not the gateway's appsettings.json that sits beside the tests.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenGrpcCleartext(IPAddress.Loopback, GrpcPort);
            kestrel.Listen(IPAddress.Loopback, RestPort, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddHubGrpc(new GrpcServerOptions());
        var app = builder.Build();
        app.MapGrpcService(ProbeReflection.Descriptor.Services[0], service => service
            .Unary<ProbeRequest, ProbeReply>("Echo", (request, context) => Task.FromResult(Reply(request.Text, context.HttpContext.Request)))
            .DuplexStreaming<ProbeRequest, ProbeReply>("Chat", ChatAsync));
        app.MapGet("/readyz", () => "ready");
        app.MapGet("/api/v1/scores/echo", (HttpRequest request) => Reply("rest", request).Headers);
        await app.StartAsync();
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static async Task ChatAsync(IAsyncEnumerable<ProbeRequest> requests, IGrpcStreamWriter<ProbeReply> replies, ServerCallContext context)
    {
        await foreach (var request in requests.WithCancellation(context.CancellationToken))
        {
            await replies.WriteAsync(new ProbeReply { Text = request.Text }, context.CancellationToken);
        }
    }

    private static ProbeReply Reply(string text, HttpRequest request)
    {
        var reply = new ProbeReply { Text = text };
        foreach (var header in request.Headers)
        {
            reply.Headers[header.Key.ToLowerInvariant()] = header.Value.ToString();
        }
        return reply;
    }
}
