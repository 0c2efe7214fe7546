using System.Net;
using Hub.Grpc.Bench;
using Hub.Grpc.Hosting;
using Hub.Grpc.Server;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

// The Hub.Grpc side of tools/bench/grpc: Echo on a free cleartext HTTP/2 port, printed as "PORT n".
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpcCleartext(IPAddress.Loopback, 0));
builder.Services.AddHubGrpc();

var app = builder.Build();
app.MapGrpcService(EchoReflection.Descriptor.Services[0], service => service
    .Unary<EchoRequest, EchoReply>("Say", (request, _) => Task.FromResult(new EchoReply { Text = request.Text }))
    .ServerStreaming<EchoRequest, EchoReply>("Expand", async (request, responses, _) =>
    {
        var reply = new EchoReply { Text = request.Text };
        for (var i = 0; i < request.Count; i++)
        {
            await responses.WriteAsync(reply);
        }
    }));

// The floor: Kestrel answering with a fixed, already-framed gRPC reply and no transport code at all.
// The distance between this and Echo/Say is what Hub.Grpc itself costs per call.
byte[] fixedReply = [0, 0, 0, 0, 7, 0x0a, 0x05, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o'];
app.MapPost("/bench.v1.Raw/Say", async context =>
{
    await context.Request.Body.CopyToAsync(Stream.Null);
    context.Response.ContentType = "application/grpc";
    await context.Response.Body.WriteAsync(fixedReply);
    context.Response.AppendTrailer("grpc-status", "0");
});

await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
Console.WriteLine($"PORT {new Uri(address).Port}");
await app.WaitForShutdownAsync();
