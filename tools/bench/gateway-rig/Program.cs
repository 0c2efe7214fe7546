using System.Net;
using Hub.Gateway;
using Hub.Grpc.Bench;
using Hub.Grpc.Hosting;
using Hub.Grpc.Server;
using Hub.ServiceDefaults;
using Hub.ServiceDefaults.Security;
using Hub.Testing;

// tools/bench/gateway runs this twice:
//   backend FOLDER        the Echo service on this project's transport, validating tokens as every
//                         service does; writes the issuer's keys and a token to FOLDER
//   gateway FOLDER PORT BROKER   the gateway, as Program.cs builds it, in front of the backend on
//                         PORT, hearing revocations from the amqp:// BROKER
// Each prints "PORT n" once it listens.
var (mode, folder) = (args[0], args[1]);
var port = FreePort.Next();
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = folder, EnvironmentName = "Production" });
builder.Configuration.Sources.Clear();
var settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning", ["Logging:LogLevel:Hub.Gateway.Logging"] = "Information" };

if (mode == "backend")
{
    using var issuer = new TestTokenIssuer();
    await File.WriteAllTextAsync(Path.Combine(folder, "jwks.json"), issuer.JwksJson);
    await File.WriteAllTextAsync(Path.Combine(folder, "issuer.txt"), issuer.Issuer);
    await File.WriteAllTextAsync(Path.Combine(folder, "token.txt"), issuer.Issue(new TestToken("79", "79", [HubScopes.Sync]) { Lifetime = TimeSpan.FromHours(2) }));
    builder.Configuration.AddInMemoryCollection(settings).AddInMemoryCollection(issuer.ServiceSettings);
    builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpcCleartext(IPAddress.Loopback, port));
    builder.AddServiceDefaults();
    builder.AddHubAuthentication();
    builder.Services.AddHubGrpc();
    var backend = builder.Build();
    backend.MapGrpcService(EchoReflection.Descriptor.Services[0], service => service
        .Unary<EchoRequest, EchoReply>("Say", (request, _) => Task.FromResult(new EchoReply { Text = request.Text }))
        .ServerStreaming<EchoRequest, EchoReply>("Expand", (_, _, _) => Task.CompletedTask))
        .RequireAuthorization(HubScopes.Sync);
    await RunAsync(backend, port);
    return;
}

var backendPort = args[2];
settings["ConnectionStrings:RabbitMQ"] = args[3];
settings["Hub:Auth:Issuer"] = await File.ReadAllTextAsync(Path.Combine(folder, "issuer.txt"));
settings["Hub:Auth:Jwks"] = await File.ReadAllTextAsync(Path.Combine(folder, "jwks.json"));
settings["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{port}";
settings["Kestrel:Endpoints:Grpc:Protocols"] = "Http2";
settings["Hub:RateLimits:DefaultTier"] = "Unlimited";
settings["Hub:RateLimits:Tiers:Unlimited:PerSecond"] = "10000000";
settings["Hub:RateLimits:Tiers:Unlimited:Burst"] = "10000000";
settings["ReverseProxy:Routes:echo:ClusterId"] = "echo";
settings["ReverseProxy:Routes:echo:AuthorizationPolicy"] = HubScopes.Sync;
settings["ReverseProxy:Routes:echo:RateLimiterPolicy"] = "per-client";
settings["ReverseProxy:Routes:echo:Match:Path"] = "/bench.v1.Echo/{method}";
settings["ReverseProxy:Clusters:echo:HttpRequest:Version"] = "2";
settings["ReverseProxy:Clusters:echo:HttpRequest:VersionPolicy"] = "RequestVersionExact";
settings["ReverseProxy:Clusters:echo:Destinations:one:Address"] = $"http://127.0.0.1:{backendPort}";
builder.Configuration.AddInMemoryCollection(settings);
builder.AddServiceDefaults();
builder.AddGatewayServices();
var gateway = builder.Build();
gateway.MapDefaultEndpoints();
gateway.MapGateway();
await RunAsync(gateway, port);

static async Task RunAsync(WebApplication app, int port)
{
    await app.StartAsync();
    Console.Error.WriteLine($"PORT {port}");
    await app.WaitForShutdownAsync();
}

